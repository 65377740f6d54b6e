import { t } from '../../i18n/index.js';

/** The words for each column the server names (the /datacube APIs' field names). */
const COLUMNS: Record<string, () => string> = {
  ref_date: () => t('data.colDay'),
  new_user: () => t('data.colNewUser'),
  cancel_user: () => t('data.colCancelUser'),
  net_user: () => t('data.colNetUser'),
  cumulate_user: () => t('data.colCumulateUser'),
  user_source: () => t('data.colSource'),
  int_page_read_count: () => t('data.colReads'),
  share_count: () => t('data.colShares'),
  share_user: () => t('data.colSharers'),
  share_scene: () => t('data.colShareScene'),
  msgid: () => t('data.colMsgid'),
  title: () => t('data.colTitle'),
  click_count: () => t('data.colClicks'),
  click_user: () => t('data.colClickers'),
  position: () => t('data.colPosition'),
  name: () => t('data.colButton'),
  type: () => t('data.colButtonType'),
  msg_type_1: () => t('data.msgText'),
  msg_type_2: () => t('data.msgImage'),
  msg_type_3: () => t('data.msgVoice'),
  msg_type_4: () => t('data.msgVideo'),
  msg_type_6: () => t('data.msgLink'),
  msg_count: () => t('data.colMessages'),
  msg_type: () => t('data.colMsgType'),
  msg_user: () => t('data.colSenders'),
  count_interval: () => t('data.colInterval'),
  callback_count: () => t('data.colCallbacks'),
  fail_count: () => t('data.colFailures'),
  avg_time_cost: () => t('data.colAvgMs'),
  max_time_cost: () => t('data.colMaxMs'),
  api: () => t('data.colApi'),
  calls: () => t('data.colCalls'),
  failures: () => t('data.colFailures'),
};

export const columnLabel = (column: string): string => COLUMNS[column]?.() ?? column;

const SOURCES: Record<number, () => string> = {
  0: () => t('data.sourceOther'),
  1: () => t('data.sourceSearch'),
  17: () => t('data.sourceCard'),
  30: () => t('data.sourceQr'),
  51: () => t('data.sourcePaid'),
  57: () => t('data.sourceLink'),
  100: () => t('data.sourceAds'),
  149: () => t('data.sourceMiniProgram'),
  161: () => t('data.sourceReprint'),
  200: () => t('data.sourceChannels'),
  201: () => t('data.sourceLive'),
};
const SCENES: Record<number, () => string> = { 1: () => t('data.sceneChats'), 2: () => t('data.sceneMoments'), 255: () => t('data.sceneOther') };
const MSG_TYPES: Record<number, () => string> = { 1: () => t('data.msgText'), 2: () => t('data.msgImage'), 3: () => t('data.msgVoice'), 4: () => t('data.msgVideo'), 6: () => t('data.msgLink') };
const INTERVALS: Record<number, () => string> = { 1: () => t('data.interval1'), 2: () => t('data.interval2'), 3: () => t('data.interval3') };
const CODES: Record<string, Record<number, () => string>> = { user_source: SOURCES, share_scene: SCENES, msg_type: MSG_TYPES, count_interval: INTERVALS };

/** A cell as people read it: codes named (user_source 30 → QR code), numbers grouped. */
export function cellText(column: string, value: string | number): string {
  const named = CODES[column]?.[Number(value)];
  if (named) return named();
  if (typeof value === 'number') return value.toLocaleString();
  return value;
}
