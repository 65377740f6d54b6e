/**
 * The public template library Herald ships (模板库): what api_add_template adds from. Historical
 * templates (TM…/OPENTM… ids, `{{first.DATA}}`, `{{keywordN.DATA}}`, `{{remark.DATA}}`) and 2023
 * category templates (numeric ids, typed keys such as thing1, time2, character_string3) for the
 * common industries (commerce reference §5). Pure.
 */
export type TemplateKind = 'historical' | 'category';

export interface LibraryKeyword {
  /** The key in `data` and in `{{key.DATA}}`. */
  key: string;
  /** The field's name as the card shows it. */
  name: string;
  example: string;
}

export interface LibraryTemplate {
  /** template_id_short. */
  id: string;
  kind: TemplateKind;
  title: string;
  /** The industry code (rules/industries.ts) the template belongs to. */
  industryId: number;
  keywords: readonly LibraryKeyword[];
}

const kw = (key: string, name: string, example: string): LibraryKeyword => ({ key, name, example });

export const TEMPLATE_LIBRARY: readonly LibraryTemplate[] = [
  // Historical templates (keyword keys, first and remark; still usable once added).
  { id: 'TM00015', kind: 'historical', title: '订单支付成功', industryId: 1, keywords: [kw('orderMoneySum', '支付金额', '30元'), kw('orderProductName', '商品信息', '我是商品名字')] },
  { id: 'OPENTM200565259', kind: 'historical', title: '订单发货提醒', industryId: 1, keywords: [kw('keyword1', '订单编号', '201705180001'), kw('keyword2', '物流公司', '顺丰速运'), kw('keyword3', '物流单号', 'SF1234567890')] },
  { id: 'OPENTM202119578', kind: 'historical', title: '账户资金变动提醒', industryId: 7, keywords: [kw('keyword1', '交易类型', '消费'), kw('keyword2', '交易金额', '128.00元'), kw('keyword3', '交易时间', '2017年5月18日 14:30'), kw('keyword4', '账户余额', '872.00元')] },
  { id: 'OPENTM411163434', kind: 'historical', title: '排队叫号提醒', industryId: 10, keywords: [kw('keyword1', '排队号码', 'A018'), kw('keyword2', '前方等待', '3桌'), kw('keyword3', '门店名称', '人民广场店')] },
  { id: 'OPENTM207498902', kind: 'historical', title: '酒店预订成功通知', industryId: 11, keywords: [kw('keyword1', '酒店名称', '西湖宾馆'), kw('keyword2', '入住日期', '2017年5月18日'), kw('keyword3', '离店日期', '2017年5月20日'), kw('keyword4', '房型', '高级大床房')] },
  { id: 'OPENTM207940503', kind: 'historical', title: '快递签收通知', industryId: 13, keywords: [kw('keyword1', '快递单号', 'YT9876543210'), kw('keyword2', '签收时间', '2017年5月18日 10:12'), kw('keyword3', '签收人', '本人')] },
  { id: 'OPENTM406963151', kind: 'historical', title: '课程开课提醒', industryId: 16, keywords: [kw('keyword1', '课程名称', '少儿英语启蒙'), kw('keyword2', '上课时间', '2017年5月20日 09:00'), kw('keyword3', '上课地点', '二楼301教室')] },
  { id: 'OPENTM401202033', kind: 'historical', title: '预约成功通知', industryId: 22, keywords: [kw('keyword1', '就诊人', '张三'), kw('keyword2', '就诊科室', '内科'), kw('keyword3', '就诊时间', '2017年5月19日 上午')] },
  { id: 'OPENTM204594069', kind: 'historical', title: '物业缴费提醒', industryId: 30, keywords: [kw('keyword1', '房屋信息', '3栋2单元501'), kw('keyword2', '缴费金额', '356.00元'), kw('keyword3', '截止日期', '2017年5月31日')] },
  // 2023 category templates: typed keys (rules/typedValues.ts), no first or remark.
  { id: '42984', kind: 'category', title: '支付成功通知', industryId: 1, keywords: [kw('character_string1', '订单号', 'SO20230518001'), kw('amount2', '支付金额', '¥99.00'), kw('time3', '支付时间', '2023-05-18 14:30'), kw('thing4', '商品名称', '夏季纯棉T恤')] },
  { id: '43216', kind: 'category', title: '订单发货通知', industryId: 1, keywords: [kw('thing1', '商品名称', '夏季纯棉T恤'), kw('character_string2', '订单编号', 'SO20230518001'), kw('thing3', '快递公司', '顺丰速运'), kw('character_string4', '快递单号', 'SF1234567890'), kw('time5', '发货时间', '2023-05-18 16:00')] },
  { id: '47521', kind: 'category', title: '账户余额变动提醒', industryId: 7, keywords: [kw('amount1', '变动金额', '¥128.00'), kw('amount2', '账户余额', '¥872.00'), kw('time3', '变动时间', '2023-05-18 14:30'), kw('thing4', '交易类型', '消费')] },
  { id: '43550', kind: 'category', title: '排队进度提醒', industryId: 10, keywords: [kw('character_string1', '排队号码', 'A018'), kw('number2', '前方等待', '3'), kw('thing3', '门店名称', '人民广场店'), kw('phrase4', '排队状态', '即将到号')] },
  { id: '41987', kind: 'category', title: '快递签收提醒', industryId: 13, keywords: [kw('character_string1', '快递单号', 'YT9876543210'), kw('thing2', '签收地址', '上海市黄浦区人民大道'), kw('time3', '签收时间', '2023-05-18 10:12'), kw('phrase4', '签收状态', '已签收')] },
  { id: '46319', kind: 'category', title: '课程开课提醒', industryId: 16, keywords: [kw('thing1', '课程名称', '少儿英语启蒙'), kw('time2', '上课时间', '2023-05-20 09:00'), kw('thing3', '上课地点', '二楼301教室'), kw('name4', '授课老师', '李老师')] },
  { id: '45732', kind: 'category', title: '预约成功通知', industryId: 22, keywords: [kw('name1', '就诊人', '张三'), kw('thing2', '就诊科室', '内科'), kw('time3', '就诊时间', '2023-05-19 09:30'), kw('phrase4', '预约状态', '预约成功')] },
  { id: '44190', kind: 'category', title: '停车缴费成功通知', industryId: 25, keywords: [kw('car_number1', '车牌号', '沪A12345'), kw('amount2', '缴费金额', '¥15.00'), kw('time3', '入场时间', '2023-05-18 08:02'), kw('time4', '出场时间', '2023-05-18 11:40')] },
  { id: '46021', kind: 'category', title: '物业缴费提醒', industryId: 30, keywords: [kw('thing1', '房屋信息', '3栋2单元501'), kw('amount2', '应缴金额', '¥356.00'), kw('date3', '截止日期', '2023-05-31'), kw('phone_number4', '联系电话', '021-12345678')] },
];

const BY_ID = new Map(TEMPLATE_LIBRARY.map((t) => [t.id, t]));

/** The library template with this template_id_short, or undefined. */
export function libraryTemplate(id: string): LibraryTemplate | undefined {
  return BY_ID.get(id);
}

/**
 * The `content` of a template as get_all_private_template answers it: historical templates
 * open with `{{first.DATA}}` and close with `{{remark.DATA}}`; category templates list their
 * typed keys.
 */
export function templateContent(kind: TemplateKind, keywords: readonly LibraryKeyword[]): string {
  const sep = kind === 'historical' ? '：' : ':';
  const lines = keywords.map((k) => `${k.name}${sep}{{${k.key}.DATA}}`);
  return kind === 'historical' ? ['{{first.DATA}}', ...lines, '{{remark.DATA}}'].join('\n') : lines.join('\n');
}

/** The `example` of a template: each field with its example value. */
export function templateExample(kind: TemplateKind, keywords: readonly LibraryKeyword[]): string {
  const sep = kind === 'historical' ? '：' : ':';
  const lines = keywords.map((k) => `${k.name}${sep}${k.example}`);
  return kind === 'historical' ? ['您好，您有一条新的通知', ...lines, '感谢您的使用。'].join('\n') : lines.join('\n');
}
