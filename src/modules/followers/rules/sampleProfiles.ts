/**
 * Names and places for simulated WeChat users, in the language the person speaks: the phone's
 * "new follower" form offers one, and a user created without a nickname is named by its language
 * (WeChat gives a zh_CN user's places in Chinese). Pure, no I/O.
 */

/** A simulated user's name and place. */
export interface SampleProfile {
  nickname: string;
  city: string;
  province: string;
  country: string;
}

const CHINESE: readonly SampleProfile[] = [
  { nickname: '李雷', city: '深圳', province: '广东', country: '中国' },
  { nickname: '韩梅梅', city: '杭州', province: '浙江', country: '中国' },
  { nickname: '王芳', city: '成都', province: '四川', country: '中国' },
  { nickname: '张伟', city: '南京', province: '江苏', country: '中国' },
  { nickname: '刘洋', city: '武汉', province: '湖北', country: '中国' },
  { nickname: '陈静', city: '厦门', province: '福建', country: '中国' },
  { nickname: '赵磊', city: '西安', province: '陕西', country: '中国' },
  { nickname: '周敏', city: '长沙', province: '湖南', country: '中国' },
  { nickname: '林晓', city: '青岛', province: '山东', country: '中国' },
  { nickname: '孙悦', city: '昆明', province: '云南', country: '中国' },
];

const ENGLISH: readonly SampleProfile[] = [
  { nickname: 'Emma Brown', city: 'London', province: 'England', country: 'United Kingdom' },
  { nickname: 'James Wilson', city: 'Sydney', province: 'New South Wales', country: 'Australia' },
  { nickname: 'Olivia Smith', city: 'Toronto', province: 'Ontario', country: 'Canada' },
  { nickname: 'Liam Johnson', city: 'Seattle', province: 'Washington', country: 'United States' },
  { nickname: 'Ava Taylor', city: 'Auckland', province: 'Auckland', country: 'New Zealand' },
  { nickname: 'Noah Davies', city: 'Dublin', province: 'Leinster', country: 'Ireland' },
  { nickname: 'Mia Clarke', city: 'Edinburgh', province: 'Scotland', country: 'United Kingdom' },
  { nickname: 'Lucas Martin', city: 'Vancouver', province: 'British Columbia', country: 'Canada' },
];

/** Whether a WeChat language (zh_CN, zh_TW, en …) or a web language (zh-CN, en) is Chinese. */
export const speaksChinese = (language: string): boolean => /^zh([_-]|$)/i.test(language);

/** The sample profiles for a language: Chinese names and places for Chinese, English ones otherwise. */
export const sampleProfiles = (language: string): readonly SampleProfile[] => (speaksChinese(language) ? CHINESE : ENGLISH);

/** One sample profile for a language; `random` in [0, 1) picks it. */
export function sampleProfile(language: string, random: number): SampleProfile {
  const list = sampleProfiles(language);
  const i = Math.min(list.length - 1, Math.max(0, Math.floor((Number.isFinite(random) ? random : 0) * list.length)));
  return list[i];
}

/** The nickname of a user created without one: 用户1234 for Chinese, User 1234 otherwise. */
export function defaultNickname(language: string, random: number): string {
  const n = Math.floor((Number.isFinite(random) ? Math.min(Math.max(random, 0), 0.9999) : 0) * 9000 + 1000);
  return speaksChinese(language) ? `用户${n}` : `User ${n}`;
}
