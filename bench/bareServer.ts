/** The baseline: bare Fastify routes answering as getcallbackip, message/custom/send and a WeChat Pay JSAPI order do, and a page's OAuth callback. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const body = JSON.stringify({ ip_list: ['127.0.0.1'] });
const ok = JSON.stringify({ errcode: 0, errmsg: 'ok' });
app.get('/cgi-bin/getcallbackip', async (_req, reply) => reply.header('content-type', 'application/json; encoding=utf-8').send(body));
// Parses the JSON body (Fastify's own parser) and answers as custom/send does, without any work.
app.post('/cgi-bin/message/custom/send', async (req, reply) => {
  if (!req.body || typeof req.body !== 'object') return reply.code(400).send({ errcode: 47001 });
  return reply.header('content-type', 'application/json; encoding=utf-8').send(ok);
});
// A page's OAuth callback: it receives the code (and answers it back, so the bench can go on).
app.get('/cb', async (req, reply) => reply.header('content-type', 'text/plain').send((req.query as { code?: string }).code ?? ''));
// A WeChat Pay JSAPI order: parses the JSON body and answers a prepay_id, without any work.
const prepay = JSON.stringify({ prepay_id: 'wx201410272009395522657a690389285100' });
app.post('/v3/pay/transactions/jsapi', async (req, reply) => {
  if (!req.body || typeof req.body !== 'object') return reply.code(400).send({ code: 'PARAM_ERROR' });
  return reply.header('content-type', 'application/json; charset=utf-8').send(prepay);
});
const port = Number(process.env.PORT ?? 0);
await app.listen({ port, host: '127.0.0.1' });
console.log('bare server ready');
