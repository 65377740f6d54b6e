import { pgTable, text, uuid, integer, bigint, serial, index, uniqueIndex, primaryKey, jsonb } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { ts } from '../../platform/db/columns.js';

/**
 * A WeChat Pay merchant (商户号): one per application, owned by the verified service account that
 * applied. Holds the keys WeChat Pay and the merchant share: the APIv3 key (notifications and
 * /v3/certificates are encrypted with it), the APIv2 key, the merchant's public key and
 * certificate serial (requests are verified with it) and WeChat Pay's own platform key pair
 * (responses and notifications are signed with it; its id is `PUB_KEY_ID_…`, its certificate's
 * serial is served by /v3/certificates).
 */
export const payMerchants = pgTable('pay_merchants', {
  id: uuid('id').primaryKey().defaultRandom(),
  mchid: text('mchid').notNull(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  /** 商户简称, shown on the payment sheet and in the payer's bill. */
  name: text('name').notNull(),
  /** enterprise | individual | government | institution | other */
  entityType: text('entity_type').notNull(),
  /** corporate | personal (a mainland-China bank account: the application refuses any other). */
  bankAccountType: text('bank_account_type').notNull(),
  /** The industry category (结算规则) and its fee rate in basis points (60 = 0.6%). */
  industry: text('industry').notNull(),
  feeRateBp: integer('fee_rate_bp').notNull(),
  /** reviewing | approved | rejected */
  status: text('status').notNull(),
  rejectReason: text('reject_reason'),
  /** 32 ASCII characters; set once, never shown again. Null until set. */
  apiV3Key: text('api_v3_key'),
  apiV2Key: text('api_v2_key'),
  /** The merchant API certificate's serial (40 hex) and its public key (SPKI PEM). */
  merchantSerial: text('merchant_serial').notNull(),
  merchantPublicKey: text('merchant_public_key').notNull(),
  /** WeChat Pay's key for this merchant: PUB_KEY_ID_…, the private key (PKCS#8 PEM), the certificate. */
  platformKeyId: text('platform_key_id').notNull(),
  platformPrivateKey: text('platform_private_key').notNull(),
  platformCertSerial: text('platform_cert_serial').notNull(),
  platformCertPem: text('platform_cert_pem').notNull(),
  platformCertFrom: ts('platform_cert_from').notNull(),
  platformCertUntil: ts('platform_cert_until').notNull(),
  /** 支付授权目录: up to 5 URL prefixes (`https://shop.example.com/pay/`) a JSAPI page must be under. */
  payDirectories: jsonb('pay_directories').$type<string[]>().notNull().default([]),
  /** The notify URL a refund that names none is reported to (the merchant platform's 退款结果通知url). */
  defaultNotifyUrl: text('default_notify_url'),
  createdAt: ts('created_at').notNull(),
  approvedAt: ts('approved_at'),
}, (t) => [uniqueIndex('pay_merchants_mchid_uq').on(t.mchid), index('pay_merchants_account_idx').on(t.accountId)]);

/** AppIDs bound to a merchant (APPID授权管理): orders name one of them, else APPID_MCHID_NOT_MATCH. */
export const payAppidBindings = pgTable('pay_appid_bindings', {
  merchantId: uuid('merchant_id').notNull().references(() => payMerchants.id, { onDelete: 'cascade' }),
  appid: text('appid').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.merchantId, t.appid] })]);

/** Request nonces seen per merchant (an APIv3 request's nonce_str is accepted once). */
export const payNonces = pgTable('pay_nonces', {
  merchantId: uuid('merchant_id').notNull().references(() => payMerchants.id, { onDelete: 'cascade' }),
  nonce: text('nonce').notNull(),
  seenAt: ts('seen_at').notNull(),
}, (t) => [primaryKey({ columns: [t.merchantId, t.nonce] }), index('pay_nonces_seen_idx').on(t.seenAt)]);

/** An order (交易): JSAPI or NATIVE, NOTPAY → SUCCESS → REFUND, or NOTPAY → CLOSED. */
export const payOrders = pgTable('pay_orders', {
  id: uuid('id').primaryKey().defaultRandom(),
  merchantId: uuid('merchant_id').notNull().references(() => payMerchants.id, { onDelete: 'cascade' }),
  appid: text('appid').notNull(),
  outTradeNo: text('out_trade_no').notNull(),
  /** JSAPI | NATIVE | MWEB (h5) */
  tradeType: text('trade_type').notNull(),
  description: text('description').notNull(),
  attach: text('attach'),
  notifyUrl: text('notify_url').notNull(),
  total: integer('total').notNull(),
  currency: text('currency').notNull(),
  payerOpenid: text('payer_openid'),
  /** The whole order request as first sent (canonical JSON): a re-entry must match it. */
  request: jsonb('request').$type<Record<string, unknown>>().notNull(),
  timeExpire: ts('time_expire').notNull(),
  prepayId: text('prepay_id').notNull(),
  prepayExpiresAt: ts('prepay_expires_at').notNull(),
  /** NATIVE: the `pr` code of the current code_url (a re-order replaces it). */
  codeUrlToken: text('code_url_token'),
  /** NOTPAY | USERPAYING | PAYERROR | SUCCESS | REFUND | CLOSED */
  tradeState: text('trade_state').notNull(),
  transactionId: text('transaction_id'),
  successTime: ts('success_time'),
  /** Who paid (a follower user) and with which openid. */
  payerUserId: uuid('payer_user_id'),
  refunded: integer('refunded').notNull().default(0),
  /** The API the order was placed with: v3 (JSON) or v2 (XML); its notifications follow it. */
  api: text('api').notNull().default('v3'),
  /** How the payer paid: OTHERS (balance, 零钱) or the card's bank_type; null until paid. */
  bankType: text('bank_type'),
  /** balance | a card id (pay_cards): where a refund goes back to. */
  payMethod: text('pay_method'),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  index('pay_orders_success_idx').on(t.merchantId, t.successTime),
  uniqueIndex('pay_orders_out_trade_no_uq').on(t.merchantId, t.outTradeNo),
  uniqueIndex('pay_orders_transaction_id_uq').on(t.transactionId),
  uniqueIndex('pay_orders_prepay_id_uq').on(t.prepayId),
  uniqueIndex('pay_orders_code_url_uq').on(t.codeUrlToken),
]);

/** A refund (退款) of a paid order: PROCESSING → SUCCESS on the Herald clock. */
export const payRefunds = pgTable('pay_refunds', {
  id: uuid('id').primaryKey().defaultRandom(),
  merchantId: uuid('merchant_id').notNull().references(() => payMerchants.id, { onDelete: 'cascade' }),
  orderId: uuid('order_id').notNull().references(() => payOrders.id, { onDelete: 'cascade' }),
  refundId: text('refund_id').notNull(),
  outRefundNo: text('out_refund_no').notNull(),
  reason: text('reason'),
  notifyUrl: text('notify_url'),
  amount: integer('amount').notNull(),
  /** PROCESSING | SUCCESS */
  status: text('status').notNull(),
  request: jsonb('request').$type<Record<string, unknown>>().notNull(),
  /** v3 | v2 (secapi/pay/refund): the refund notification's format follows it. */
  api: text('api').notNull().default('v3'),
  createdAt: ts('created_at').notNull(),
  settlesAt: ts('settles_at').notNull(),
  successTime: ts('success_time'),
}, (t) => [
  uniqueIndex('pay_refunds_out_refund_no_uq').on(t.merchantId, t.outRefundNo),
  uniqueIndex('pay_refunds_refund_id_uq').on(t.refundId),
  index('pay_refunds_due_idx').on(t.status, t.settlesAt),
]);

/**
 * A notification to the merchant's notify URL (TRANSACTION.SUCCESS, REFUND.SUCCESS): the
 * envelope is fixed when queued (its `id` is the same on every retry), each attempt signs it anew.
 */
export const payNotifications = pgTable('pay_notifications', {
  id: uuid('id').primaryKey(),
  merchantId: uuid('merchant_id').notNull().references(() => payMerchants.id, { onDelete: 'cascade' }),
  eventType: text('event_type').notNull(),
  url: text('url').notNull(),
  /** v3: JSON, signed per attempt; v2: XML signed with the APIv2 key when queued. */
  format: text('format').notNull().default('v3'),
  body: text('body').notNull(),
  /** pending | delivering | delivered | failed */
  status: text('status').notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at').notNull(),
  lockedUntil: ts('locked_until'),
  createdAt: ts('created_at').notNull(),
  deliveredAt: ts('delivered_at'),
}, (t) => [index('pay_notifications_due_idx').on(t.status, t.nextAttemptAt)]);

/** Every attempt to deliver a notification: what was sent, what came back. */
export const payNotificationAttempts = pgTable('pay_notification_attempts', {
  id: serial('id').primaryKey(),
  notificationId: uuid('notification_id').notNull().references(() => payNotifications.id, { onDelete: 'cascade' }),
  attemptNo: integer('attempt_no').notNull(),
  /** Herald time of the attempt. */
  at: ts('at').notNull(),
  httpStatus: integer('http_status'),
  error: text('error'),
  /** The answer's body, cut to 1 KB. */
  response: text('response'),
  latencyMs: bigint('latency_ms', { mode: 'number' }).notNull(),
  /** ok | failed */
  outcome: text('outcome').notNull(),
}, (t) => [index('pay_notification_attempts_idx').on(t.notificationId, t.attemptNo)]);

/**
 * A settlement (结算): one merchant's trade day (China date) paid out T+1 on the Herald clock,
 * the fee (手续费, the merchant's rate per payment, rounded to the fen) deducted and the refunds
 * of the day taken back with their share of the fee.
 */
export const paySettlements = pgTable('pay_settlements', {
  id: uuid('id').primaryKey().defaultRandom(),
  merchantId: uuid('merchant_id').notNull().references(() => payMerchants.id, { onDelete: 'cascade' }),
  /** The trade day, yyyy-MM-dd in China time. */
  tradeDate: text('trade_date').notNull(),
  payments: integer('payments').notNull(),
  paymentCount: integer('payment_count').notNull(),
  refunds: integer('refunds').notNull(),
  refundCount: integer('refund_count').notNull(),
  /** Fee on the payments less the fee returned with the refunds, in fen. */
  fee: integer('fee').notNull(),
  feeRateBp: integer('fee_rate_bp').notNull(),
  /** payments − refunds − fee (negative when refunds outweigh the day's payments). */
  net: integer('net').notNull(),
  settledAt: ts('settled_at').notNull(),
}, (t) => [uniqueIndex('pay_settlements_day_uq').on(t.merchantId, t.tradeDate)]);

/**
 * A payer's wallet (钱包): the balance (零钱, in fen), the six-digit payment password (支付密码,
 * hashed with the platform's password helper; set on the first payment) and its wrong attempts.
 */
export const payWallets = pgTable('pay_wallets', {
  userId: uuid('user_id').primaryKey(),
  balance: bigint('balance', { mode: 'number' }).notNull().default(0),
  pinHash: text('pin_hash'),
  pinFailures: integer('pin_failures').notNull().default(0),
  /** Herald time until which the password is locked after too many wrong attempts. */
  pinLockedUntil: ts('pin_locked_until'),
  createdAt: ts('created_at').notNull(),
});

/** A bank card in a wallet (simulated: a bank's name and the last four digits). */
export const payCards = pgTable('pay_cards', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  bank: text('bank').notNull(),
  /** debit | credit */
  kind: text('kind').notNull(),
  last4: text('last4').notNull(),
  /** The bank_type a payment with it reports (e.g. CMB_DEBIT). */
  bankType: text('bank_type').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('pay_cards_user_idx').on(t.userId)]);

/** A line of the payer's bill (账单): a payment, a refund or a top-up. */
export const payBills = pgTable('pay_bills', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  /** payment | refund | topup */
  kind: text('kind').notNull(),
  /** Fen: negative for money out of the wallet or card. */
  amount: bigint('amount', { mode: 'number' }).notNull(),
  /** balance | a card id */
  method: text('method').notNull(),
  orderId: uuid('order_id').references(() => payOrders.id, { onDelete: 'set null' }),
  refundId: uuid('refund_id').references(() => payRefunds.id, { onDelete: 'set null' }),
  merchantName: text('merchant_name'),
  description: text('description'),
  at: ts('at').notNull(),
}, (t) => [index('pay_bills_user_idx').on(t.userId, t.at), uniqueIndex('pay_bills_refund_uq').on(t.refundId)]);

/**
 * A fault the simulator injects (emulator mode): the next `remaining` order requests answer
 * `code` (kind `order`); a payment ends PAYERROR or stays USERPAYING (kind `payment`); the payer's
 * balance counts as too low (kind `notenough`, per user); notifications wait `delaySeconds`
 * longer (kind `notify_delay`).
 */
export const payFaults = pgTable('pay_faults', {
  id: uuid('id').primaryKey().defaultRandom(),
  merchantId: uuid('merchant_id').references(() => payMerchants.id, { onDelete: 'cascade' }),
  userId: uuid('user_id'),
  kind: text('kind').notNull(),
  code: text('code'),
  remaining: integer('remaining').notNull(),
  delaySeconds: integer('delay_seconds'),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('pay_faults_merchant_idx').on(t.merchantId, t.kind)]);
