/**
 * Who may do what in the console: one table, role × action (Outline's policies are the model).
 * Every console route names its action (surfaces/console/kit.ts checks it before anything else
 * runs); presenters ask the same table before showing a secret. Pure: no I/O.
 *
 * Roles: an `owner` and an `admin` run the organization's accounts; an `agent` answers
 * followers in the customer-service inbox and reads what that needs, and changes nothing a
 * developer or an editor owns (AppSecret, IP whitelist, server configuration and its Token and
 * EncodingAESKey, the menu, auto-replies, materials, drafts, push posts). Platform actions are
 * for platform administrators whatever their role.
 */

export const ROLES = ['owner', 'admin', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: the operator's role in their organization and whether they run the platform. */
export interface PolicySubject {
  role: string;
  platformAdmin: boolean;
}

const ALL: readonly Role[] = ROLES;
const MANAGERS: readonly Role[] = ['owner', 'admin'];
/** Platform actions: no role is enough, only `platformAdmin`. */
const PLATFORM: readonly Role[] = [];

/** The table. An action missing here cannot be named by a route (the type says so). */
export const POLICY = {
  // Signing in and out, who am I.
  'session.use': ALL,
  // Accounts.
  'account.list': ALL,
  'account.view': ALL,
  'account.create': MANAGERS,
  /** 公众号设置: name, avatar, description, WeChat ID. */
  'account.profile.edit': MANAGERS,
  /** The server configuration's Token and EncodingAESKey in the account's details. */
  'account.secrets.view': MANAGERS,
  'account.secret.reset': MANAGERS,
  'account.ipWhitelist.edit': MANAGERS,
  'account.server.edit': MANAGERS,
  // Web pages (H5): web authorization, JS safe and business domains; the OAuth grants.
  'webdomains.view': ALL,
  'webdomains.edit': MANAGERS,
  'webgrants.view': ALL,
  // 小程序: the organization's mini programs and each account's links to them.
  'miniprograms.view': ALL,
  'miniprograms.edit': MANAGERS,
  'miniprograms.link': MANAGERS,
  // The callback inspector (requests to the developer's server).
  'deliveries.view': MANAGERS,
  'deliveries.resend': MANAGERS,
  // Content.
  'menu.view': ALL,
  'menu.edit': MANAGERS,
  'autoreplies.view': ALL,
  'autoreplies.edit': MANAGERS,
  'materials.view': ALL,
  'materials.edit': MANAGERS,
  'articles.view': ALL,
  'articles.edit': MANAGERS,
  'articles.publish': MANAGERS,
  'broadcasts.view': ALL,
  'broadcasts.send': MANAGERS,
  /** API mass-send protection (API群发保护): on or off, and whose phone confirms. */
  'broadcasts.protect': MANAGERS,
  // Followers.
  'followers.view': ALL,
  'followers.edit': MANAGERS,
  // Customer service: the inbox and representatives (who supervises is decided inside, kf/console/inboxAccess.ts).
  'inbox.use': ALL,
  /** Assign, transfer and close any conversation (checked inside the inbox's routes). */
  'inbox.supervise': MANAGERS,
  'kf.view': ALL,
  'kf.edit': ALL,
  // 消息管理: every follower message, starred and answered within the 48-hour window.
  'messages.view': ALL,
  'messages.star': ALL,
  'messages.reply': ALL,
  // 留言管理: reading comments; featuring, replying, pinning, deleting, blocking and settings.
  'comments.view': ALL,
  'comments.moderate': MANAGERS,
  // 模板消息: industries, the account's templates, sent template messages.
  'templates.view': ALL,
  'templates.edit': MANAGERS,
  // 微信支付: the account's merchant (apply, keys, AppIDs); reviewing applications is the platform's.
  'pay.view': MANAGERS,
  'pay.edit': MANAGERS,
  'pay.review': PLATFORM,
  // The emulator's clock in the top bar (emulator mode only).
  'clock.view': ALL,
  'clock.advance': MANAGERS,
  // Moderation and money.
  'violations.view': ALL,
  'links.check': ALL,
  'revenue.view': MANAGERS,
  /** 数据: the Data pages (users, content, menus, messages, API calls) and their CSV files. */
  'data.view': MANAGERS,
  'platform.moderation': PLATFORM,
  /** The outbox of every mail Herald sent (in emulator mode the outbox needs no sign-in). */
  'platform.mail': PLATFORM,
  // Registering an official account: applications, their documents, appeals; the review queue.
  'registration.view': ALL,
  'registration.apply': MANAGERS,
  'platform.registrations': PLATFORM,
  // 微信认证 and its renewal (年审); type conversion (permanent); the verification review queue.
  'verification.view': ALL,
  'verification.apply': MANAGERS,
  'account.convert': MANAGERS,
  'platform.verifications': PLATFORM,
  // 费用: what the organization paid and owes (CSV too); the platform's revenue by fee type.
  'costs.view': MANAGERS,
  'platform.costs': PLATFORM,
  // Account migration (账号迁移): view, apply/confirm/cancel (the owner only: it moves followers and ends an account).
  'lifecycle.view': MANAGERS,
  'lifecycle.migrate': ['owner'],
  // 违规记录: an account's violation records and its response board; the one appeal of a record;
  // the platform's reports queue, records, appeal decisions and penalty ladder.
  'enforcement.view': ALL,
  'enforcement.appeal': MANAGERS,
  'platform.enforcement': PLATFORM,
} as const satisfies Record<string, readonly Role[]>;

export type ConsoleAction = keyof typeof POLICY;

export const CONSOLE_ACTIONS = Object.keys(POLICY) as ConsoleAction[];

/** Whether the subject may perform the action. Unknown roles may do nothing. */
export function allowed(subject: PolicySubject, action: ConsoleAction): boolean {
  const roles = POLICY[action] as readonly string[] | undefined;
  if (!roles) return false;
  if (roles === PLATFORM) return subject.platformAdmin;
  return roles.includes(subject.role);
}

/** The sentence a refusal carries (code `forbidden`, HTTP 403). */
export function refusalOf(action: ConsoleAction): string {
  if (POLICY[action] === PLATFORM) return 'Only platform administrators can change this.';
  return 'Your role does not allow this. Ask an owner or an admin of your organization.';
}
