import { randomFillSync } from 'node:crypto';

// Random bytes are drawn in blocks: one system call per 512 request ids instead of one each.
const pool = Buffer.alloc(4096);
let offset = pool.length;

/** A request id in WeChat's modern form: three 8-hex groups, e.g. 5f3ded7d-22929d02-4ba1f5f6. */
export function newRid(nowMs: number): string {
  if (offset + 8 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const r = pool.toString('hex', offset, offset + 8);
  offset += 8;
  const t = Math.floor(nowMs / 1000).toString(16).padStart(8, '0').slice(-8);
  return `${t}-${r.slice(0, 8)}-${r.slice(8)}`;
}
