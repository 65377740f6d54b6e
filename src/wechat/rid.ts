import { randomBytes } from 'node:crypto';

/** A request id in WeChat's modern form: three 8-hex groups, e.g. 5f3ded7d-22929d02-4ba1f5f6. */
export function newRid(nowMs: number): string {
  const t = Math.floor(nowMs / 1000).toString(16).padStart(8, '0').slice(-8);
  const r = randomBytes(8).toString('hex');
  return `${t}-${r.slice(0, 8)}-${r.slice(8)}`;
}
