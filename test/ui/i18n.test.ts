/**
 * The web app in Simplified Chinese and English in Chromium: the language follows the browser,
 * the switch in the console's top bar and in the phone's 我 is remembered across reloads,
 * `<html lang>` follows, the MP backend's and WeChat's own words are used, a refusal from the
 * server reads in the chosen language, and axe-core finds no serious or critical problem on the
 * pages in either language. Screenshots go to test-results/i18n/.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { chromiumSuite } from './helpers.js';
import { axeProblems } from './axe.js';

/** The console's account tabs in the MP backend's words, and the page each opens. */
const ZH_TABS = ['首页', '草稿箱', '发表记录', '素材库', '群发', '留言', '自动回复', '自定义菜单', '客服消息', '用户管理', '收入', '公众号设置', '开发者设置', '回调检查器'];
const EN_TABS = ['Home', 'Drafts', 'Published', 'Materials', 'Push posts', 'Comments', 'Auto-replies', 'Custom menu', 'Customer service', 'Followers', 'Revenue', 'Account settings', 'Developer settings', 'Callback inspector'];

describeInBrowser('Chinese and English in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'i18n', fullPage: true, page: { timeout: 15_000 } });

  it('opens the console in Chinese for a Chinese browser, remembers a switch to English, and passes axe in both', async () => {
    const op = await makeOperator(ui.h.services, { orgName: '莲花传媒', platformAdmin: true });
    const { appid } = await makeAccount(ui.h.services, { orgId: op.orgId, name: '莲花日报', type: 'service', verified: true });
    const { page } = await ui.openPage({ locale: 'zh-CN' });

    await page.goto('/console');
    await page.getByRole('heading', { name: '登录控制台' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByLabel('邮箱').fill(op.email);
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    // The server's refusal, shown by its code in the reader's language.
    await page.getByRole('alert').filter({ hasText: '邮箱或密码错误。' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-01-login');

    await page.getByLabel('密码').fill(op.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '公众号' }).waitFor();
    expect(await page.locator('.topbar').textContent()).toContain('退出登录');
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-02-accounts');

    // Every page of the account, reached by its Chinese tab, each checked by axe.
    await page.goto(`/console/accounts/${appid}`);
    const nav = page.getByRole('navigation').first();
    for (const [i, label] of ZH_TABS.entries()) {
      await nav.getByRole('link', { name: label, exact: true }).click();
      await page.locator('.content h1, .content h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await axeProblems(page), label).toEqual([]);
      await ui.shot(page, `zh-1${String(i).padStart(2, '0')}-${label}`);
    }
    for (const label of ['内容审核', 'ICP 备案域名']) {
      await nav.getByRole('link', { name: label }).click();
      await page.waitForLoadState('networkidle');
      expect(await axeProblems(page), label).toEqual([]);
    }

    // The switch in the top bar: English, remembered over reloads although the browser asks for Chinese.
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, localStorage.getItem('herald.language')])).toEqual(['en', 'en']);
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.goto(`/console/accounts/${appid}`);
    for (const [i, label] of EN_TABS.entries()) {
      await nav.getByRole('link', { name: label, exact: true }).click();
      await page.locator('.content h1, .content h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await axeProblems(page), label).toEqual([]);
      await ui.shot(page, `en-1${String(i).padStart(2, '0')}-${label.replace(/\W+/g, '-')}`);
    }

    // And back to Chinese.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  }, 240_000);

  it('opens the console in English for any other browser language', async () => {
    const { page } = await ui.openPage({ locale: 'fr-FR' });
    await page.goto('/console');
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByLabel('Password').fill('x');
    await page.getByLabel('Email').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Incorrect email or password.' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'en-01-login');
  }, 60_000);

  it('speaks WeChat’s words on the phone in Chinese, remembers 我’s language switch, and passes axe', async () => {
    await makeAccount(ui.h.services, { name: '莲花晚报', type: 'subscription', verified: false });
    const { page } = await ui.openPage({ locale: 'zh-CN', viewport: { width: 1280, height: 860 } });
    await page.goto('/phone');
    await page.getByRole('heading', { name: '你是谁？' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-20-phone-who');
    await page.getByLabel('昵称').fill('李雷');
    await page.getByLabel('城市').fill('深圳');
    await page.getByRole('button', { name: '创建并继续' }).click();
    await page.getByRole('heading', { name: '微信' }).waitFor();
    const tabs = page.getByRole('navigation', { name: '标签栏' });
    for (const label of ['微信', '通讯录', '发现', '我']) await tabs.getByRole('button', { name: label }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-21-phone-chats');

    await tabs.getByRole('button', { name: '发现' }).click();
    await page.getByRole('button', { name: /扫一扫/ }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-22-phone-discover');

    await page.goto('/phone/search');
    await page.getByLabel('搜索公众号').fill('莲花晚报');
    await page.getByRole('button', { name: /莲花晚报/ }).click();
    await page.getByRole('button', { name: '关注公众号' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-23-phone-profile');

    await page.goto('/phone/me');
    await page.getByRole('heading', { name: '我' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-24-phone-me');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.getByRole('heading', { name: 'Me' }).waitFor();
    await page.reload();
    const enTabs = page.getByRole('navigation', { name: 'Tabs' });
    for (const label of ['Chats', 'Contacts', 'Discover', 'Me']) await enTabs.getByRole('button', { name: label }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, localStorage.getItem('herald.language')])).toEqual(['en', 'en']);
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'en-24-phone-me');
    await enTabs.getByRole('button', { name: 'Chats' }).click();
    await page.getByRole('heading', { name: 'WeChat' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'en-21-phone-chats');
  }, 120_000);
  it('fits the console on a phone-size screen in both languages', async () => {
    const op = await makeOperator(ui.h.services, { orgName: '小屏商店' });
    const { appid } = await makeAccount(ui.h.services, { orgId: op.orgId, name: '小屏商店服务号', type: 'service', verified: true });
    const { page } = await ui.openPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    await page.goto('/console');
    await page.getByLabel('邮箱').fill(op.email);
    await page.getByLabel('密码').fill(op.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '公众号' }).waitFor();
    for (const [lang, path, name] of [['zh', 'drafts', '草稿箱'], ['zh', 'broadcasts', '群发']] as const) {
      await page.goto(`/console/accounts/${appid}/${path}`);
      await page.locator('.content h1, .content h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      // Nothing wider than the screen: long labels wrap or scroll inside their own boxes.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(390);
      expect(await axeProblems(page), name).toEqual([]);
      await ui.shot(page, `${lang}-30-narrow-${path}`);
    }
    await page.evaluate(() => localStorage.setItem('herald.language', 'en'));
    for (const path of ['drafts', 'broadcasts']) {
      await page.goto(`/console/accounts/${appid}/${path}`);
      await page.getByRole('button', { name: 'Sign out' }).waitFor({ state: 'attached' });
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      expect(await axeProblems(page), path).toEqual([]);
      await ui.shot(page, `en-30-narrow-${path}`);
    }
  }, 120_000);
});
