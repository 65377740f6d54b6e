/**
 * Finding 9: bodies are limited per route while they stream in, and an upload's access_token is
 * checked before its body is read. Raw sockets against a listening Herald: the answer must come
 * while the client is still sending (the server did not wait for, or buffer, the body).
 */
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accountWithToken } from '../wxClient.js';
import { describeEachDb, startTestHerald, type TestHerald } from '../harness.js';
import { MAX_BODY_BYTES } from '../../src/main/server.js';

const MB = 1024 * 1024;

interface Exchange {
  /** The status line and body of the answer. */
  status: number;
  body: string;
  /** Body bytes the client had written when the answer arrived. */
  sentBeforeAnswer: number;
}

/**
 * Sends `total` body bytes (chunked, or with Content-Length) 64 KiB at a time: the first 1 MiB,
 * then a pause long enough for an early answer, then the rest; stops once an answer arrives.
 */
function upload(port: number, path: string, total: number, opts: { chunked: boolean; contentType?: string }): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let sent = 0;
    let sentBeforeAnswer = -1;
    let done = false;
    const finish = () => {
      if (done) return;
      const m = /^HTTP\/1\.1 (\d{3})[\s\S]*?\r\n\r\n([\s\S]*)$/.exec(received);
      if (!m) return;
      const raw = m[2];
      // A chunked answer: take the JSON out of the chunk framing.
      const json = /\{[\s\S]*\}/.exec(raw)?.[0] ?? raw;
      try {
        JSON.parse(json);
      } catch {
        return; // not complete yet
      }
      done = true;
      socket.destroy();
      resolve({ status: Number(m[1]), body: json, sentBeforeAnswer });
    };
    socket.on('data', (d: Buffer) => {
      if (sentBeforeAnswer < 0) sentBeforeAnswer = sent;
      received += d.toString('latin1');
      finish();
    });
    // The server may close while the client is still writing (EPIPE/ECONNRESET): what counts is
    // whether the answer arrived.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (!done) reject(new Error(`closed without a complete answer after ${sent} bytes: ${received.slice(0, 300)}`));
    });
    const head = [
      `POST ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      `Content-Type: ${opts.contentType ?? 'multipart/form-data; boundary=xyz'}`,
      opts.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${total}`,
      '',
      '',
    ].join('\r\n');
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    (async () => {
      socket.write(head);
      while (sent < total && sentBeforeAnswer < 0 && !socket.destroyed) {
        const part = opts.chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
        const ok = socket.write(part);
        sent += chunk.length;
        if (!ok) await new Promise<void>((r) => (socket.once('drain', r), socket.once('close', r)));
        if (sent === MB) await new Promise((r) => setTimeout(r, 1500));
        else await new Promise((r) => setImmediate(r));
      }
      if (sent >= total && opts.chunked && !socket.destroyed) socket.write('0\r\n\r\n');
    })().catch(() => undefined);
  });
}

describeEachDb('body limits and authentication before reading', (kind) => {
  let herald: TestHerald;
  let port: number;
  let token: string;
  beforeAll(async () => {
    herald = await startTestHerald(kind, { listen: true });
    port = Number(new URL(herald.url).port);
    token = (await accountWithToken(herald)).token;
  });
  afterAll(async () => {
    await herald.close();
  });

  it('the global limit is small (1 MiB); uploads declare their own', () => {
    expect(MAX_BODY_BYTES).toBe(MB);
    expect(herald.app.initialConfig.bodyLimit).toBe(MB);
  });

  it('an unauthenticated 24 MB chunked upload is answered (40001) before it is read', async () => {
    const r = await upload(port, '/cgi-bin/media/upload?access_token=not-a-token&type=image', 24 * MB, { chunked: true });
    expect(JSON.parse(r.body)).toMatchObject({ errcode: 40001 });
    expect(r.sentBeforeAnswer).toBeLessThan(4 * MB);
  });

  it('an upload without a token, or with Content-Length: 24 MB, is answered before the client sends it', async () => {
    const none = await upload(port, '/cgi-bin/material/add_material?type=image', 24 * MB, { chunked: true });
    expect(JSON.parse(none.body)).toMatchObject({ errcode: 41001 });
    expect(none.sentBeforeAnswer).toBeLessThan(4 * MB);
    const declared = await upload(port, '/cgi-bin/media/upload?access_token=not-a-token&type=image', 24 * MB, { chunked: false });
    expect(JSON.parse(declared.body)).toMatchObject({ errcode: 40001 });
    expect(declared.sentBeforeAnswer).toBeLessThan(4 * MB);
  });

  it("an authenticated upload over the route's limit answers its size errcode, unread", async () => {
    const image = await upload(port, `/cgi-bin/media/upload?access_token=${token}&type=image`, 24 * MB, { chunked: false });
    expect(JSON.parse(image.body)).toMatchObject({ errcode: 40009 });
    expect(image.sentBeforeAnswer).toBeLessThan(4 * MB);
    const video = await upload(port, `/cgi-bin/material/add_material?access_token=${token}&type=video`, 24 * MB, { chunked: true });
    expect(JSON.parse(video.body)).toMatchObject({ errcode: 40011 });
    // Streamed up to the limit (10 MB and the multipart room), not the whole 24 MB.
    expect(video.sentBeforeAnswer).toBeLessThan(16 * MB);
    const unknown = await upload(port, `/cgi-bin/media/upload?access_token=${token}&type=movie`, 24 * MB, { chunked: false });
    expect(JSON.parse(unknown.body)).toMatchObject({ errcode: 40004 });
    const articleImage = await upload(port, `/cgi-bin/media/uploadimg?access_token=${token}`, 3 * MB, { chunked: false });
    expect(JSON.parse(articleImage.body)).toMatchObject({ errcode: 40009 });
  });

  it('a JSON API over its limit answers 45002 while the body streams, after the token check', async () => {
    const big = await upload(port, `/cgi-bin/menu/create?access_token=${token}`, 24 * MB, { chunked: true, contentType: 'application/json' });
    expect(JSON.parse(big.body)).toMatchObject({ errcode: 45002 });
    expect(JSON.parse(big.body).errmsg).toMatch(/^content size out of limit rid: /);
    // Read up to the 1 MiB limit, then answered while the client is still sending.
    expect(big.sentBeforeAnswer).toBeLessThan(16 * MB);
    const anon = await upload(port, '/cgi-bin/menu/create?access_token=bad', 24 * MB, { chunked: false, contentType: 'application/json' });
    expect(JSON.parse(anon.body)).toMatchObject({ errcode: 40001 });
  });

  it('console and phone uploads check the session or phone token before reading the body', async () => {
    const consoleUpload = await upload(port, '/console/api/accounts/wx0000000000000000/materials?type=image', 24 * MB, { chunked: true });
    expect(consoleUpload.status).toBe(401);
    expect(JSON.parse(consoleUpload.body).error.code).toBe('unauthorized');
    expect(consoleUpload.sentBeforeAnswer).toBeLessThan(4 * MB);
    const phoneUpload = await upload(port, '/phone/api/media', 24 * MB, { chunked: false });
    expect(phoneUpload.status).toBe(401);
    expect(phoneUpload.sentBeforeAnswer).toBeLessThan(4 * MB);
  });

  it('the simulator and phone keep their small limits (413 with their JSON error)', async () => {
    const payload = JSON.stringify({ pad: 'x'.repeat(2 * MB) });
    const sim = await herald.app.inject({ method: 'POST', url: '/sim/v1/accounts', headers: { 'content-type': 'application/json' }, payload });
    expect(sim.statusCode).toBe(413);
    const phone = await herald.app.inject({ method: 'POST', url: '/phone/api/login', headers: { 'content-type': 'application/json' }, payload });
    expect(phone.statusCode).toBe(413);
    expect(phone.json().error.code).toBe('body_too_large');
  });
});
