/**
 * Console test helpers: operators in fresh organizations, and a signed-in client for
 * `app.inject()` that carries the session cookie and the CSRF header.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../src/main/services.js';
import { createOperator, type OperatorRole } from '../src/modules/operators/commands/operatorCreator.js';
import { makeOrg } from './harness.js';

export interface TestOperator {
  orgId: string;
  id: string;
  email: string;
  password: string;
}

/** An operator (in a fresh organization unless orgId is given) with a known password. */
export async function makeOperator(
  services: Pick<Services, 'db'>,
  opts: { orgId?: string; role?: OperatorRole; platformAdmin?: boolean; password?: string; orgName?: string } = {},
): Promise<TestOperator> {
  const orgId = opts.orgId ?? (await makeOrg(services, opts.orgName ?? 'Console Org')).id;
  const email = `op-${randomBytes(5).toString('hex')}@example.com`;
  const password = opts.password ?? `pw-${randomBytes(6).toString('hex')}`;
  const op = await createOperator(services.db, {
    orgId,
    email,
    name: 'Test Operator',
    password,
    role: opts.role ?? 'admin',
    platformAdmin: opts.platformAdmin ?? false,
  });
  return { orgId, id: op.id, email, password };
}

export interface InjectResult {
  status: number;
  json: { error?: { code: string; message: string; details?: Record<string, unknown> } } & Record<string, unknown>;
  headers: Record<string, unknown>;
  body: string;
}

/** The session cookie value from a login response. */
export function sessionCookieOf(setCookie: unknown): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [];
  for (const c of list as string[]) {
    const m = /^herald_session=([^;]*)/.exec(c);
    if (m) return m[1];
  }
  return undefined;
}

const parse = (body: string): InjectResult['json'] => {
  try {
    return JSON.parse(body) as InjectResult['json'];
  } catch {
    return {};
  }
};

/** A console API client bound to one session. */
export class ConsoleClient {
  constructor(
    readonly app: FastifyInstance,
    readonly cookie: string,
    readonly csrf: string,
  ) {}

  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<InjectResult> {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        cookie: `herald_session=${this.cookie}`,
        'x-csrf-token': this.csrf,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.statusCode, json: parse(res.body), headers: res.headers, body: res.body };
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body);
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body);
  }
}

/** Logs in through the API and returns a client for that session. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<ConsoleClient> {
  const res = await app.inject({
    method: 'POST',
    url: '/console/api/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email, password }),
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookieOf(res.headers['set-cookie']);
  if (!cookie) throw new Error('login set no session cookie');
  return new ConsoleClient(app, cookie, (JSON.parse(res.body) as { csrf_token: string }).csrf_token);
}

/** A fresh operator, signed in. */
export async function signedInOperator(app: FastifyInstance, services: Pick<Services, 'db'>, opts: Parameters<typeof makeOperator>[1] = {}) {
  const op = await makeOperator(services, opts);
  return { op, client: await signIn(app, op.email, op.password) };
}
