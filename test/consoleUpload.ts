/** Console file uploads in tests: multipart bodies as a browser's FormData sends them. */
import type { TestHerald } from './harness.js';
import type { ConsoleClient } from './consoleFixtures.js';

type Json = Record<string, any>;

/** A multipart/form-data body with a `media` file and optional text fields. */
export function multipart(file: { bytes: Buffer; filename: string; type?: string } | null, fields: Record<string, string> = {}) {
  const boundary = '----heraldtest' + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    chunks.push(file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads through the console API as the browser does. */
export async function consoleUpload(h: TestHerald, client: ConsoleClient, url: string, body: Buffer, contentType: string) {
  const res = await h.app.inject({
    method: 'POST',
    url,
    headers: { cookie: `herald_session=${client.cookie}`, 'x-csrf-token': client.csrf, 'content-type': contentType },
    payload: body,
  });
  let json: Json = {};
  try {
    json = JSON.parse(res.body) as Json;
  } catch {
    json = {};
  }
  return { status: res.statusCode, json };
}

