/**
 * The subscribe-notification events pushed to the developer's server (reference §3, commerce
 * §5.4): `subscribe_msg_popup_event` (the user answered a consent popup: one List per template,
 * with PopupScene 1 for an H5 page, 2 for an article), `subscribe_msg_change_event` (the user
 * turned a template off in 服务通知: reject only) and `subscribe_msg_sent_event` (a notification
 * was sent: MsgID, ErrorCode, ErrorStatus). Pure.
 */
import { buildXml, type XmlFields } from '../../../protocol/xml.js';
import type { PushMessage } from '../../../protocol/pushMessages.js';

/** Where a consent popup was shown: 1 an H5 page (wx-open-subscribe), 2 an article's subscribe block. */
export type PopupScene = 1 | 2;
export type ConsentStatus = 'accept' | 'reject';

interface EventBase {
  /** The account's original id (gh_…). */
  toUser: string;
  openid: string;
  createTime: number;
}

function event(base: EventBase, name: string, body: XmlFields): PushMessage {
  const fields: XmlFields = { ToUserName: base.toUser, FromUserName: base.openid, CreateTime: base.createTime, MsgType: 'event', Event: name, ...body };
  return { kind: 'event', label: `event:${name}`, msgId: null, fields, xml: buildXml(fields) };
}

/** subscribe_msg_popup_event: the List repeats once per template the popup asked about. */
export function popupEvent(base: EventBase, scene: PopupScene, answers: ReadonlyArray<{ templateId: string; status: ConsentStatus }>): PushMessage {
  return event(base, 'subscribe_msg_popup_event', {
    SubscribeMsgPopupEvent: { List: answers.map((a) => ({ TemplateId: a.templateId, SubscribeStatusString: a.status, PopupScene: scene })) },
  });
}

/** subscribe_msg_change_event: templates the user turned off (always `reject`). */
export function changeEvent(base: EventBase, templateIds: readonly string[]): PushMessage {
  return event(base, 'subscribe_msg_change_event', {
    SubscribeMsgChangeEvent: { List: templateIds.map((id) => ({ TemplateId: id, SubscribeStatusString: 'reject' })) },
  });
}

/** subscribe_msg_sent_event: one notification sent (ErrorCode 0, ErrorStatus success). */
export function sentEvent(base: EventBase, sent: { templateId: string; msgid: bigint; errorCode: number; errorStatus: string }): PushMessage {
  return event(base, 'subscribe_msg_sent_event', {
    SubscribeMsgSentEvent: { List: { TemplateId: sent.templateId, MsgID: sent.msgid, ErrorCode: sent.errorCode, ErrorStatus: sent.errorStatus } },
  });
}
