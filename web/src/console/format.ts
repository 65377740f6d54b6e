/** Display helpers for the console. */

const pad = (n: number) => String(n).padStart(2, '0');

/** 2024-05-01 14:03:22 in the viewer's time zone. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** 14:03:22 for today, the full date otherwise. */
export function shortTime(iso: string | null, now = new Date()): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay ? `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : dateTime(iso);
}

/** "3 s ago", "5 min ago" … for freshness hints. */
export function ago(iso: string, nowMs = Date.now()): string {
  const s = Math.max(0, Math.round((nowMs - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

export const accountTypeLabel = (type: string) => (type === 'service' ? 'Service account' : 'Subscription account');

/** A 43-character EncodingAESKey from the browser's secure random source. */
export function randomAesKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const out: string[] = [];
  // Rejection sampling keeps every character equally likely (62 does not divide 256).
  while (out.length < 43) {
    const bytes = crypto.getRandomValues(new Uint8Array(64));
    for (const b of bytes) if (b < 248 && out.length < 43) out.push(alphabet[b % 62]);
  }
  return out.join('');
}

/** A random Token (letters and digits, 3 to 32 characters per WeChat). */
export function randomToken(length = 24): string {
  return randomAesKey().slice(0, length);
}
