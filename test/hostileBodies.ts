/**
 * Request bodies a careless or hostile client might send to a console write route, and a check
 * that each is answered with a JSON 4xx error (never a 500).
 */
import { expect } from 'vitest';
import type { ConsoleClient } from './consoleFixtures.js';

export const HOSTILE_BODIES: Array<[string, string]> = [
  ['empty', ''],
  ['whitespace', '   \n'],
  ['truncated', '{"button": [{"name": "x'],
  ['not json', 'hello'],
  ['trailing garbage', '{"a":1} x'],
  ['array', '[1,2,3]'],
  ['string', '"just a string"'],
  ['number', '42'],
  ['null', 'null'],
  ['nested deep', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['object deep', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`],
  ['deep inside fields', `{"button":${'['.repeat(3000)}${']'.repeat(3000)},"replies":${'['.repeat(3000)}${']'.repeat(3000)},"openids":[${'['.repeat(2000)}${']'.repeat(2000)}],"keywords":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`],
  ['proto pollution', '{"__proto__": {"serverEnabled": false, "isAdmin": true}, "constructor": {"prototype": {"x": 1}}}'],
  ['wrong types', '{"button": {"0": {"name": "a"}}, "name": {"$ne": ""}, "remark": ["x"], "openids": "o1", "tag_id": {"id": 1}, "action": 1, "keywords": "hi", "replies": {"type": "text"}, "ids": "1,2"}'],
  ['nul bytes', '{"button":[{"type":"click","name":"a\\u0000","key":"k\\u0000"}],"name":"a\\u0000b","remark":"r\\u0000","openids":["o\\u0000"],"tag_id":100,"action":"add","keywords":[{"text":"k\\u0000"}],"replies":[{"type":"text","content":"\\u0000"}],"ids":[1]}'],
  ['lone surrogate', '{"button":[{"type":"click","name":"\\ud800","key":"\\udfff"}],"name":"\\ud800","remark":"\\udfff","keywords":[{"text":"\\ud800"}],"replies":[{"type":"text","content":"\\udfff"}]}'],
  ['huge number', '{"button":[{"type":"click","name":1e999,"key":1e999}],"tag_id":1e999,"ids":[1e999,-1,0.5],"openids":[1e999]}'],
  ['huge strings', JSON.stringify({ button: [{ type: 'click', name: 'x'.repeat(5_000), key: 'k' }], name: 'n'.repeat(5_000), remark: 'r'.repeat(5_000), replies: [{ type: 'text', content: 'c'.repeat(5_000) }], keywords: [{ text: 'k'.repeat(5_000) }] })],
];

/** Sends every hostile body to a write route; each must be a 4xx with {error: {code, message}}. */
export async function expectHostileBodiesRefused(client: ConsoleClient, method: 'POST' | 'PUT', url: string): Promise<void> {
  for (const [label, payload] of HOSTILE_BODIES) {
    const r = await client.request(method, url, payload);
    expect(r.status, `${method} ${url} ${label}: ${r.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(r.status, `${method} ${url} ${label}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
    expect(r.json.error?.code, label).toBeTypeOf('string');
    expect(r.json.error?.message, label).toBeTypeOf('string');
  }
  // Bytes that are not UTF-8 at all.
  const raw = await client.app.inject({
    method,
    url,
    headers: { cookie: `herald_session=${client.cookie}`, 'x-csrf-token': client.csrf, 'content-type': 'application/json' },
    payload: Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d, 0x00]),
  });
  expect(raw.statusCode, `${method} ${url} raw bytes`).toBe(400);
}
