import { pgTable, text, uuid, integer, jsonb, index, bigserial, bigint } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { ts } from '../../platform/db/columns.js';

/**
 * A message or event to push to an account's developer server. Written in the same
 * transaction as the action that caused it (the outbox), delivered by the callback worker.
 */
export const deliveries = pgTable('deliveries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** message | event */
  kind: text('kind').notNull(),
  /** text, image, event:subscribe ... for display and filtering. */
  label: text('label').notNull(),
  /** MsgId for messages (the same on each retry); null for events. */
  msgId: text('msg_id'),
  /** The sender's openid (the `openid` query parameter). */
  openid: text('openid').notNull(),
  /** The plaintext XML message as WeChat would build it. */
  payloadXml: text('payload_xml').notNull(),
  /** pending | delivering | delivered | failed | skipped */
  status: text('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull().default(3),
  nextAttemptAt: ts('next_attempt_at').notNull(),
  lockedUntil: ts('locked_until'),
  /** The parsed passive reply, when the developer answered with one. */
  reply: jsonb('reply'),
  /** none | valid | invalid */
  replyStatus: text('reply_status').notNull().default('none'),
  replyError: text('reply_error'),
  /** Which delivery this one re-sends, when it is a manual re-send. */
  resendOf: bigint('resend_of', { mode: 'number' }),
  createdAt: ts('created_at').notNull(),
  completedAt: ts('completed_at'),
}, (t) => [
  index('deliveries_due_idx').on(t.status, t.nextAttemptAt),
  index('deliveries_account_idx').on(t.accountId, t.id),
]);

/** Every HTTP attempt of a delivery: the callback inspector reads these. */
export const deliveryAttempts = pgTable('delivery_attempts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  deliveryId: bigint('delivery_id', { mode: 'number' }).notNull().references(() => deliveries.id, { onDelete: 'cascade' }),
  attemptNo: integer('attempt_no').notNull(),
  startedAt: ts('started_at').notNull(),
  requestUrl: text('request_url').notNull(),
  requestBody: text('request_body').notNull(),
  responseStatus: integer('response_status'),
  /** Cut to 4 KB. */
  responseBody: text('response_body'),
  latencyMs: integer('latency_ms').notNull(),
  /** ok | timeout | http_error | network_error | invalid_reply */
  outcome: text('outcome').notNull(),
  error: text('error'),
  meta: jsonb('meta'),
}, (t) => [index('delivery_attempts_delivery_idx').on(t.deliveryId, t.attemptNo)]);
