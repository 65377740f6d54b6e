/** The baseline: a bare Fastify route returning the same JSON as getcallbackip. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const body = JSON.stringify({ ip_list: ['127.0.0.1'] });
app.get('/cgi-bin/getcallbackip', async (_req, reply) => reply.header('content-type', 'application/json; encoding=utf-8').send(body));
const port = Number(process.env.PORT ?? 0);
await app.listen({ port, host: '127.0.0.1' });
console.log('bare server ready');
