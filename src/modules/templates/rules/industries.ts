/**
 * The 41 industries of template messages (commerce reference §5.1): the codes api_set_industry
 * takes and the Chinese names get_industry and get_all_private_template answer. Pure.
 */
export interface Industry {
  id: number;
  /** 一级行业, e.g. IT科技 */
  firstClass: string;
  /** 二级行业, e.g. 互联网|电子商务 */
  secondClass: string;
}

const NAMES = [
  'IT科技/互联网|电子商务', 'IT科技/IT软件与服务', 'IT科技/IT硬件与设备', 'IT科技/电子技术', 'IT科技/通信与运营商', 'IT科技/网络游戏',
  '金融业/银行', '金融业/证券基金理财信托', '金融业/保险', '餐饮/餐饮', '酒店旅游/酒店', '酒店旅游/旅游',
  '运输与仓储/快递', '运输与仓储/物流', '运输与仓储/仓储', '教育/培训', '教育/院校', '政府与公共事业/学术科研',
  '政府与公共事业/交警', '政府与公共事业/博物馆', '政府与公共事业/公共事业非盈利机构', '医药护理/医药医疗', '医药护理/护理美容',
  '医药护理/保健与卫生', '交通工具/汽车相关', '交通工具/摩托车相关', '交通工具/火车相关', '交通工具/飞机相关', '房地产/建筑',
  '房地产/物业', '消费品/消费品', '商业服务/法律', '商业服务/会展', '商业服务/中介服务', '商业服务/认证', '商业服务/审计',
  '文体娱乐/传媒', '文体娱乐/体育', '文体娱乐/娱乐休闲', '印刷/印刷', '其他/其他',
] as const;

/** Every industry, by code 1–41. */
export const INDUSTRIES: readonly Industry[] = NAMES.map((name, i) => {
  const slash = name.indexOf('/');
  return { id: i + 1, firstClass: name.slice(0, slash), secondClass: name.slice(slash + 1) };
});

/** The industry with this code, or undefined. */
export function industryById(id: number): Industry | undefined {
  return Number.isInteger(id) && id >= 1 && id <= INDUSTRIES.length ? INDUSTRIES[id - 1] : undefined;
}

/**
 * An industry code as SDKs send it: a number or a numeric string ("1" in the official example).
 * Undefined for anything else.
 */
export function parseIndustryId(v: unknown): number | undefined {
  if (typeof v === 'number') return industryById(v)?.id;
  if (typeof v === 'string' && /^\d{1,2}$/.test(v.trim())) return industryById(Number(v.trim()))?.id;
  return undefined;
}

/** get_industry's and get_all_private_template's form of an industry. */
export const industryClasses = (id: number | null | undefined): { first_class: string; second_class: string } => {
  const i = id ? industryById(id) : undefined;
  return { first_class: i?.firstClass ?? '', second_class: i?.secondClass ?? '' };
};
