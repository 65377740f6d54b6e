/**
 * `<wx-open-subscribe template="id1,id2">` (commerce §5.4): what the tag's `success` and `error`
 * events carry. Pure: the server judges the template list, the phone builds the events.
 *
 * `success`: `detail.errMsg` `subscribe:ok` and `detail.subscribeDetails`, a JSON **string** of
 * `{"<templateId>": "{\"status\":\"accept\"}"}` (each value a JSON string too), status `accept`,
 * `reject`, or `cancel` when the follower closed the sheet without answering. `error`:
 * `detail.errCode` and `detail.errMsg`, with the codes and texts of WeChat's subscribe popup
 * (the ones wx.requestSubscribeMessage documents, which pages handle for the tag too).
 */

/** The most templates one tag asks about. */
export const MAX_TAG_TEMPLATES = 5;

export const SUBSCRIBE_ERRORS = {
  empty: { errCode: 10001, text: "TmplIds can't be empty" },
  listFailed: { errCode: 10002, text: 'Request list fail' },
  requestFailed: { errCode: 10003, text: 'Request subscribe fail' },
  invalid: { errCode: 10004, text: 'Invalid template id' },
  noTemplate: { errCode: 20001, text: 'No template data return, verify the template id exist' },
  mixed: { errCode: 20002, text: 'Templates type must be same' },
  tooMany: { errCode: 20003, text: 'Templates count out of max bounds' },
  banned: { errCode: 20005, text: 'This account was banned from subscribing messages' },
} as const;
export type SubscribeProblem = keyof typeof SUBSCRIBE_ERRORS;

/** The `error` event's detail. */
export function subscribeError(problem: SubscribeProblem): { errCode: number; errMsg: string } {
  const e = SUBSCRIBE_ERRORS[problem];
  return { errCode: e.errCode, errMsg: `subscribe:fail ${e.text}` };
}

/** A template id as a priTmplId may be written (43 URL-safe characters; anything up to 128 is looked up). */
const TEMPLATE_ID_RE = /^[A-Za-z0-9_-]{1,128}$/;

/** The tag's `template` attribute: ids separated by commas (spaces around them ignored). */
export function templateIdsOf(attribute: string): { ok: true; ids: string[] } | { ok: false; problem: SubscribeProblem } {
  const ids = attribute.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length === 0) return { ok: false, problem: 'empty' };
  if (ids.length > MAX_TAG_TEMPLATES) return { ok: false, problem: 'tooMany' };
  if (!ids.every((id) => TEMPLATE_ID_RE.test(id))) return { ok: false, problem: 'invalid' };
  return { ok: true, ids: [...new Set(ids)] };
}

/** The templates a tag names, as the account has them (one-time or long-term). */
export function judgeTemplates(ids: readonly string[], found: ReadonlyArray<{ templateId: string; longTerm: boolean }>): { ok: true } | { ok: false; problem: SubscribeProblem } {
  const byId = new Map(found.map((t) => [t.templateId, t]));
  if (!ids.every((id) => byId.has(id))) return { ok: false, problem: 'noTemplate' };
  if (new Set(ids.map((id) => byId.get(id)?.longTerm)).size > 1) return { ok: false, problem: 'mixed' };
  return { ok: true };
}

export type SubscribeStatus = 'accept' | 'reject' | 'cancel';

/** The `success` event's detail. */
export function subscribeSuccess(answers: ReadonlyArray<{ templateId: string; status: SubscribeStatus }>): { errMsg: string; subscribeDetails: string } {
  const details: Record<string, string> = {};
  for (const a of answers) details[a.templateId] = JSON.stringify({ status: a.status });
  return { errMsg: 'subscribe:ok', subscribeDetails: JSON.stringify(details) };
}
