import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import pino, { type Logger } from 'pino';
import { setPasswordCost } from '../platform/password.js';
import type { Config } from './config.js';
import { SystemClock, type Clock } from '../platform/clock.js';
import { connect, type Database } from '../platform/db/connect.js';
import { SIGNAL_NAMES, type HeraldSignals, type Services } from './services.js';
import { createSignals } from '../platform/jobs/signals.js';
import { QuotaMeter } from '../surfaces/wechat/quotaMeter.js';
import { RequestLog } from '../surfaces/wechat/requestLog.js';
import { TokenCache } from '../surfaces/wechat/tokenCache.js';
import { registerWechatRoutes } from './wechatRoutes.js';
import { registerConsole } from './consoleRoutes.js';
import { registerSim } from './simRoutes.js';
import { registerPhone } from './phoneRoutes.js';
import { MODULES, routesFor } from './modules.js';
import { LoginThrottle } from '../platform/http/loginThrottle.js';
import { registerWeb } from './web.js';
import { checkModuleJobs, startWorkers } from './workers.js';
import { loadClockOffset, retireLegacyPhoneSecret } from '../platform/db/settings.js';
import { serverKeys } from '../platform/serverKey.js';
import { JSON_CONTENT_TYPE } from '../surfaces/wechat/kit.js';
import { newRid } from '../protocol/rid.js';
import { createRealtimeHub } from '../platform/realtime/hub.js';
import { missedPhoneMessages, phoneMessageLoader } from '../modules/messaging/index.js';
import { findAccountByAppid, wechatAccountLookups } from '../modules/accounts/index.js';
import { consoleSessionLookups } from '../modules/operators/index.js';
import { findFollowerUser } from '../modules/followers/index.js';
import { registerRealtimeRoutes } from '../surfaces/phone/wsRoute.js';
import { diskStorageFor } from '../platform/media/storage.js';
import { registerSecurityHeaders } from '../platform/http/securityHeaders.js';
import { registerHostGuard } from '../platform/http/hostGuard.js';
import { createOutboundPolicy } from '../platform/http/outboundPolicy.js';
import { answerUnserved, isWechatApiPath } from '../surfaces/wechat/unserved.js';

/**
 * Largest request body a route accepts unless it declares its own limit (uploads do: see
 * docs/SECURITY.md). Enforced while the body streams in.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: Logger;
}

/** Assembles the services every part of Herald shares. */
export async function buildServices(opts: BuildOptions): Promise<Services> {
  const { config, database } = opts;
  setPasswordCost(config.passwordCost);
  const log = opts.logger ?? pino({ level: config.logLevel });
  const clock = opts.clock ?? new SystemClock({ adjustable: config.mode === 'emulator' });
  if (clock.adjustable && !opts.clock) clock.setOffset(await loadClockOffset(database.db));
  const services: Services = {
    config,
    database,
    db: database.db,
    clock,
    log,
    quotas: new QuotaMeter(database.db, clock, log),
    requestLog: new RequestLog(database.db, log),
    tokens: new TokenCache(database.db, wechatAccountLookups),
    realtime: createRealtimeHub(database, log.child({ component: 'realtime' }), phoneMessageLoader(database.db)),
    mediaStorage: diskStorageFor(config.dataDir),
    outbound: createOutboundPolicy({ strict: config.mode === 'platform', allow: config.callbackAllow }),
    signals: createSignals<HeraldSignals>(SIGNAL_NAMES, log),
    kits: {
      console: { ...consoleSessionLookups, accountByAppid: findAccountByAppid },
      phone: { followerUser: findFollowerUser, missedMessages: missedPhoneMessages },
      sim: { accountByAppid: findAccountByAppid },
    },
    keys: serverKeys({ configured: config.secretKey, dataDir: config.dataDir }),
    onClose: [],
  };
  if (await retireLegacyPhoneSecret(database.db)) {
    log.info('removed the phone token secret from the settings table (keys now derive from the server secret key); phone users sign in again');
  }
  if (config.mode === 'platform' && database.kind === 'postgres' && !config.secretKey) {
    log.warn(`HERALD_SECRET_KEY is not set: phone tokens are signed with a key file in ${config.dataDir}; with several nodes, give them all the same HERALD_SECRET_KEY`);
  }
  await services.realtime.start();
  services.onClose.push(() => services.realtime.stop());
  for (const m of MODULES) for (const connect of m.connect ?? []) connect(services);
  services.quotas.start();
  services.requestLog.start();
  services.onClose.push(() => services.quotas.stop(), () => services.requestLog.stop());
  return services;
}

/** Trusts the `hops` proxies nearest Herald: hop 0 is the socket's peer. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/** The one answer to an error no route handled: WeChat's shape under WeChat paths, `{error}` elsewhere. */
function answerError(services: Services, err: Error & { statusCode?: number; code?: string }, request: FastifyRequest, reply: FastifyReply) {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  const rid = newRid(services.clock.nowMs());
  if (status === 500) services.log.error({ err, rid, url: request.url }, 'unhandled error');
  if (isWechatApiPath(request.url)) {
    const errcode = status === 413 ? 45002 : status === 500 ? -1 : 47001;
    const errmsg = status === 413 ? 'content size out of limit' : status === 500 ? 'system error' : 'data format error';
    return reply.code(200).header('content-type', JSON_CONTENT_TYPE).send(Buffer.from(JSON.stringify({ errcode, errmsg: `${errmsg} rid: ${rid}` })));
  }
  const code = status === 413 ? 'body_too_large' : status === 500 ? 'internal' : (err.code ?? 'bad_request').toLowerCase();
  const message = status === 500 ? `Internal error (id ${rid})` : err.message;
  return reply.code(status).send({ error: { code, message, id: rid } });
}

/** Builds the HTTP app (role web). Routes are registered; nothing listens yet. */
export async function buildApp(services: Services): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    loggerInstance: services.log.child({ component: 'http' }) as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // A hop count trusts that many proxies nearest Herald (proxy-addr walks from the socket back
    // through X-Forwarded-For); a list trusts those addresses. Never every hop.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { maxParamLength: 500 },
    return503OnClosing: true,
    // Requests Fastify refuses before routing (a malformed percent-escape in the path ...).
    frameworkErrors: (err, request, reply) => answerError(services, err, request, reply),
  });

  // Every body arrives as raw bytes; each surface parses what it expects (WeChat APIs answer
  // their own JSON errors, callbacks carry XML, uploads are multipart).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_req, body, done) => done(null, body));

  await app.register(cookie);
  registerSecurityHeaders(app);
  registerHostGuard(app, { publicUrl: config.publicUrl, listenHost: config.host, extraHosts: config.allowedHosts });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) => answerError(services, err, request, reply));

  await registerRealtimeRoutes(app, services);
  for (const start of MODULES.flatMap((m) => m.onStart ?? [])) services.onClose.push(start(services));
  await registerWechatRoutes(app, services, { attempts: new LoginThrottle(services.clock) });
  await registerConsole(app, services);
  await registerPhone(app, services);
  for (const register of routesFor('reader')) await register(app, services, { attempts: new LoginThrottle(services.clock) });
  if (config.mode === 'emulator') await registerSim(app, services);
  await registerWeb(app, services);

  app.setNotFoundHandler((request, reply) => {
    // Methods Fastify does not route (PROPFIND ...) under WeChat's API prefixes.
    if (isWechatApiPath(request.url)) return answerUnserved(services, request, reply);
    return reply.code(404).send({ error: { code: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}` } });
  });
  return app;
}

export interface Herald {
  app: FastifyInstance;
  services: Services;
  /** The address the server listens on (after listen). */
  url: string;
  close(): Promise<void>;
}

/** Opens the database from config. */
export async function openDatabase(config: Config): Promise<Database> {
  return config.databaseUrl
    ? connect({ kind: 'postgres', url: config.databaseUrl })
    : connect({ kind: 'pglite', dataDir: config.dataDir, statsFile: config.pgliteStatsFile });
}

/**
 * Starts Herald: web (HTTP) and/or worker (callback delivery, jobs) per config.role.
 * `listen: false` builds everything without opening a port (tests use inject()).
 */
export async function startHerald(opts: BuildOptions & { listen?: boolean }): Promise<Herald> {
  // A duplicate job name or a signal nobody handles stops the server before anything opens.
  checkModuleJobs();
  const services = await buildServices(opts);
  const app = await buildApp(services);
  let url = '';
  if (services.config.role !== 'web') {
    const stopWorkers = startWorkers(services);
    services.onClose.push(stopWorkers);
  }
  if (opts.listen !== false && services.config.role !== 'worker') {
    await app.listen({ port: services.config.port, host: services.config.host });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : services.config.port;
    const host = services.config.host === '0.0.0.0' || services.config.host === '::' ? '127.0.0.1' : services.config.host;
    url = `http://${host}:${port}`;
  } else {
    await app.ready();
  }
  let closed = false;
  return {
    app,
    services,
    url,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      for (const fn of [...services.onClose].reverse()) {
        try {
          await fn();
        } catch (err) {
          services.log.warn({ err }, 'shutdown step failed');
        }
      }
    },
  };
}
