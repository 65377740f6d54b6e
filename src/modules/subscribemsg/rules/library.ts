/**
 * The public library of subscribe-notification templates Herald ships (订阅通知的公共模板库):
 * the service categories (服务类目) getcategory answers, the template titles of each category
 * (getpubtemplatetitles: `tid`, one-time `type` 2 or long-term `type` 3) and their keywords
 * (getpubtemplatekeywords: `kid`, `name`, `example`, `rule`). A keyword's key in `data` is its
 * rule followed by its kid (`thing1`, `time3`), so its type is the rule (the typed values of
 * commerce reference §5.2). Long-term templates exist only in categories that allow them
 * (public services: government, medical, education), as on WeChat. Pure.
 */
import type { ValueType } from '../../templates/rules/typedValues.js';

/** 2 = one-time (一次性订阅), 3 = long-term (长期订阅). */
export type SubscribeTemplateType = 2 | 3;

export interface SubscribeCategory {
  id: number;
  /** 一级类目 > 二级类目, as getcategory names it. */
  name: string;
  /** Whether the category may use long-term templates. */
  longTerm: boolean;
}

export interface SubscribeKeyword {
  kid: number;
  name: string;
  example: string;
  rule: ValueType;
}

export interface PublicTemplate {
  tid: number;
  title: string;
  type: SubscribeTemplateType;
  categoryId: number;
  keywords: readonly SubscribeKeyword[];
}

/** The service categories every verified service account has in Herald (服务类目 are not chosen here). */
export const SUBSCRIBE_CATEGORIES: readonly SubscribeCategory[] = [
  { id: 2, name: '生活服务 > 家政服务', longTerm: false },
  { id: 367, name: '物流服务 > 收件/派件', longTerm: false },
  { id: 410, name: '餐饮服务 > 餐饮服务场所/餐饮服务管理企业', longTerm: false },
  { id: 616, name: '商家自营 > 服装/鞋/箱包', longTerm: false },
  { id: 688, name: '出行与交通 > 停车服务', longTerm: false },
  { id: 680, name: '教育服务 > 教育信息服务', longTerm: true },
  { id: 745, name: '医疗服务 > 公立医疗机构', longTerm: true },
  { id: 952, name: '政务民生 > 政务服务', longTerm: true },
];

const kw = (kid: number, rule: ValueType, name: string, example: string): SubscribeKeyword => ({ kid, name, example, rule });

/** The public templates, by category. Examples fit their rules (a test checks every one). */
export const PUBLIC_TEMPLATES: readonly PublicTemplate[] = [
  { tid: 1021, title: '服务预约成功通知', type: 2, categoryId: 2, keywords: [kw(1, 'thing', '服务项目', '日常保洁 3小时'), kw(2, 'time', '预约时间', '2023-05-20 09:00'), kw(3, 'thing', '服务地址', '浦东新区世纪大道100号'), kw(4, 'name', '服务人员', '王阿姨'), kw(5, 'phone_number', '联系电话', '13800138000')] },
  { tid: 1022, title: '服务完成通知', type: 2, categoryId: 2, keywords: [kw(1, 'thing', '服务项目', '日常保洁 3小时'), kw(2, 'time', '完成时间', '2023-05-20 12:05'), kw(3, 'amount', '服务费用', '¥150.00'), kw(4, 'thing', '温馨提示', '请对本次服务进行评价')] },
  { tid: 3541, title: '快递签收通知', type: 2, categoryId: 367, keywords: [kw(1, 'character_string', '快递单号', 'SF1234567890123'), kw(2, 'phrase', '快递状态', '已签收'), kw(3, 'time', '签收时间', '2023-05-18 14:32'), kw(4, 'thing', '签收人', '本人签收'), kw(5, 'thing', '快递公司', '顺丰速运')] },
  { tid: 3542, title: '派件通知', type: 2, categoryId: 367, keywords: [kw(1, 'character_string', '运单号', 'YT9876543210'), kw(2, 'name', '快递员', '李师傅'), kw(3, 'phone_number', '快递员电话', '13900139000'), kw(4, 'time', '预计送达', '2023-05-18 18:00')] },
  { tid: 3543, title: '取件码通知', type: 2, categoryId: 367, keywords: [kw(1, 'character_string', '取件码', '8-2-3016'), kw(2, 'thing', '驿站地址', '小区东门菜鸟驿站'), kw(3, 'date', '保管期限', '2023-05-21')] },
  { tid: 4310, title: '取餐提醒', type: 2, categoryId: 410, keywords: [kw(1, 'character_string', '取餐号', 'A032'), kw(2, 'thing', '门店名称', '人民广场店'), kw(3, 'thing', '餐品详情', '牛肉面 1份'), kw(4, 'time', '下单时间', '2023-05-19 12:01'), kw(5, 'thing', '温馨提示', '您的餐品已做好，请尽快取餐')] },
  { tid: 4311, title: '排队叫号提醒', type: 2, categoryId: 410, keywords: [kw(1, 'character_string', '排队号', 'B12'), kw(2, 'number', '前方等待', '3'), kw(3, 'thing', '门店名称', '人民广场店'), kw(4, 'thing', '备注', '过号请重新取号')] },
  { tid: 5120, title: '订单发货通知', type: 2, categoryId: 616, keywords: [kw(1, 'character_string', '订单编号', 'SO20230518001'), kw(2, 'thing', '商品名称', '纯棉T恤 白色 L'), kw(3, 'thing', '快递公司', '中通快递'), kw(4, 'character_string', '快递单号', 'ZT73129876123'), kw(5, 'time', '发货时间', '2023-05-18 10:00')] },
  { tid: 5121, title: '支付成功通知', type: 2, categoryId: 616, keywords: [kw(1, 'character_string', '订单号', 'SO20230518001'), kw(2, 'amount', '支付金额', '¥99.00'), kw(3, 'thing', '商品名称', '纯棉T恤 白色 L'), kw(4, 'time', '支付时间', '2023-05-18 09:58')] },
  { tid: 5122, title: '退款成功通知', type: 2, categoryId: 616, keywords: [kw(1, 'character_string', '订单号', 'SO20230518001'), kw(2, 'amount', '退款金额', '¥99.00'), kw(3, 'thing', '退款原因', '尺码不合适'), kw(4, 'time', '到账时间', '2023-05-20 16:20')] },
  { tid: 6801, title: '停车缴费成功通知', type: 2, categoryId: 688, keywords: [kw(1, 'car_number', '车牌号', '沪A12345'), kw(2, 'amount', '缴费金额', '¥15.00'), kw(3, 'time', '入场时间', '2023-05-18 08:02'), kw(4, 'time', '出场时间', '2023-05-18 11:40'), kw(5, 'thing', '停车场', '世纪广场地下停车场')] },
  { tid: 6802, title: '停车超时提醒', type: 2, categoryId: 688, keywords: [kw(1, 'car_number', '车牌号', '沪A12345'), kw(2, 'thing', '停车场', '世纪广场地下停车场'), kw(3, 'time', '免费截止', '2023-05-18 10:02')] },
  { tid: 7001, title: '课程开课提醒', type: 2, categoryId: 680, keywords: [kw(1, 'thing', '课程名称', '初中数学 函数入门'), kw(2, 'time', '上课时间', '2023-05-20 19:00'), kw(3, 'name', '授课老师', '陈老师'), kw(4, 'thing', '上课地点', '线上直播课堂')] },
  { tid: 7002, title: '成绩发布通知', type: 3, categoryId: 680, keywords: [kw(1, 'name', '学生姓名', '张小明'), kw(2, 'thing', '考试名称', '期中考试'), kw(3, 'number', '总分', '612'), kw(4, 'date', '发布日期', '2023-05-19')] },
  { tid: 7003, title: '作业提交提醒', type: 3, categoryId: 680, keywords: [kw(1, 'thing', '作业名称', '第三单元练习'), kw(2, 'time', '截止时间', '2023-05-21 21:00'), kw(3, 'name', '布置老师', '陈老师')] },
  { tid: 7451, title: '预约挂号成功通知', type: 2, categoryId: 745, keywords: [kw(1, 'name', '就诊人', '张三'), kw(2, 'thing', '就诊科室', '内科'), kw(3, 'time', '就诊时间', '2023-05-19 09:30'), kw(4, 'character_string', '就诊序号', '18'), kw(5, 'thing', '医院名称', '市第一人民医院')] },
  { tid: 7452, title: '检查报告出具通知', type: 3, categoryId: 745, keywords: [kw(1, 'name', '就诊人', '张三'), kw(2, 'thing', '报告项目', '血常规'), kw(3, 'time', '出具时间', '2023-05-19 15:10'), kw(4, 'phrase', '报告状态', '已出具')] },
  { tid: 7453, title: '就诊提醒', type: 3, categoryId: 745, keywords: [kw(1, 'name', '就诊人', '张三'), kw(2, 'thing', '就诊科室', '内科'), kw(3, 'time', '就诊时间', '2023-05-19 09:30'), kw(4, 'thing', '温馨提示', '请提前15分钟到院签到')] },
  { tid: 9521, title: '业务办理进度通知', type: 3, categoryId: 952, keywords: [kw(1, 'thing', '办理事项', '居住证签注'), kw(2, 'character_string', '受理编号', 'JZ2023051800123'), kw(3, 'phrase', '办理状态', '已受理'), kw(4, 'time', '更新时间', '2023-05-18 16:00')] },
  { tid: 9522, title: '证件到期提醒', type: 3, categoryId: 952, keywords: [kw(1, 'thing', '证件名称', '居民身份证'), kw(2, 'date', '到期日期', '2023-06-30'), kw(3, 'thing', '办理地点', '户籍所在地派出所')] },
  { tid: 9523, title: '预约办事提醒', type: 2, categoryId: 952, keywords: [kw(1, 'thing', '办理事项', '出入境证件办理'), kw(2, 'time', '预约时间', '2023-05-22 10:30'), kw(3, 'thing', '办理地点', '市民中心二楼'), kw(4, 'character_string', '预约号', 'A0315')] },
];

const BY_TID = new Map(PUBLIC_TEMPLATES.map((t) => [t.tid, t]));
const CATEGORY_BY_ID = new Map(SUBSCRIBE_CATEGORIES.map((c) => [c.id, c]));

/** The public template with this tid, or undefined. */
export const publicTemplate = (tid: number): PublicTemplate | undefined => BY_TID.get(tid);

/** The category with this id, or undefined. */
export const subscribeCategory = (id: number): SubscribeCategory | undefined => CATEGORY_BY_ID.get(id);

/** A keyword's key in `data` and in `{{key.DATA}}`: its rule and its kid (`thing1`). */
export const keywordKey = (k: Pick<SubscribeKeyword, 'rule' | 'kid'>): string => `${k.rule}${k.kid}`;

/** gettemplate's `content`: one `name:{{key.DATA}}` line per keyword, each ending in a newline. */
export const subscribeContent = (keywords: readonly SubscribeKeyword[]): string => keywords.map((k) => `${k.name}:{{${keywordKey(k)}.DATA}}\n`).join('');

/** gettemplate's `example`: one `name:example` line per keyword. */
export const subscribeExample = (keywords: readonly SubscribeKeyword[]): string => keywords.map((k) => `${k.name}:${k.example}\n`).join('');
