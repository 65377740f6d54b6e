import nodemailer from 'nodemailer';
import type { Config } from '../../main/config.js';

/** Hands one mail to an SMTP server; resolves with the server's message id. */
export interface MailTransport {
  send(mail: { from: string; to: string; subject: string; text: string }): Promise<string>;
  close(): void;
}

/** How long Herald waits for the SMTP server at each step before the attempt counts as failed. */
const SMTP_TIMEOUT_MS = 20_000;

/**
 * The SMTP transport of a configuration (nodemailer), or undefined when no SMTP server is
 * configured (mail is then kept in the outbox only). `smtp://` upgrades to TLS when the server
 * offers STARTTLS; `smtps://` is TLS from the first byte (port 465 unless given). User and
 * password come from the URL (percent-encoded).
 */
export function smtpTransport(config: Pick<Config, 'mail'>): MailTransport | undefined {
  const raw = config.mail.smtpUrl;
  if (!raw) return undefined;
  const url = new URL(raw);
  const secure = url.protocol === 'smtps:';
  const t = nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    async send(mail) {
      // Herald composes every mail itself: no attachments, no files or URLs fetched by nodemailer.
      const info = await t.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, disableFileAccess: true, disableUrlAccess: true });
      return String(info.messageId ?? '');
    },
    close: () => t.close(),
  };
}
