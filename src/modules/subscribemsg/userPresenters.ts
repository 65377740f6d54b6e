import type { SubscribeConsentRow, SubscribeMessageRow } from './store.js';

/** A user's consent to one template. */
export function presentConsent(c: SubscribeConsentRow) {
  return { template_id: c.templateId, remaining: c.remaining, long_term: c.longTerm, updated_at: c.updatedAt.toISOString() };
}

/** A subscribe notification as its recipient sees it (the chat or 服务通知). */
export function presentNotification(m: SubscribeMessageRow) {
  return {
    msgid: m.msgid.toString(),
    openid: m.openid,
    template_id: m.templateId,
    kind: m.kind,
    title: m.title,
    fields: m.fields.map((f) => ({ name: f.name, value: f.value, color: f.color })),
    page: m.page,
    place: m.place,
    created_at: m.createdAt.toISOString(),
  };
}
