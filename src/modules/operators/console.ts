import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { loginOperator } from './commands/operatorLogin.js';
import type { LoginAttempts } from '../../platform/http/loginThrottle.js';
import { logoutOperator } from './commands/operatorLogout.js';
import { clearSessionCookie, setSessionCookie } from '../../surfaces/console/auth.js';
import { cleanText, consoleRoute } from '../../surfaces/console/kit.js';
import type { ConsoleSession } from '../../surfaces/console/auth.js';

const loginBody = z.object({
  email: cleanText().pipe(z.string().min(1, 'Enter your email.').max(254)),
  password: z.string().min(1, 'Enter your password.').max(1024),
});

/** Presenters: the fields the console sends about the signed-in operator and their organization. */
function presentOperator(op: ConsoleSession['operator']) {
  return { id: op.id, email: op.email, name: op.name, role: op.role, platform_admin: op.platformAdmin };
}

function presentOrg(org: ConsoleSession['org']) {
  return { id: org.id, name: org.name };
}

/** The console API's shapes, as the web app imports them (type-only). */
export type ConsoleOperator = ReturnType<typeof presentOperator>;
export type ConsoleOrg = ReturnType<typeof presentOrg>;

/** Sign in, sign out, and who am I. */
export function registerAuthRoutes(api: FastifyInstance, services: Services, { attempts }: { attempts: LoginAttempts }): void {
  consoleRoute(api, services, {
    method: 'POST',
    url: '/login',
    action: 'session.use',
    auth: 'none',
    body: loginBody,
    async handler({ body, request, reply }) {
      const result = await loginOperator(services, { email: body.email, password: body.password, ip: request.ip ?? '' }, attempts);
      setSessionCookie(services, reply, result.token);
      return { operator: presentOperator(result.operator), csrf_token: result.csrfToken };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/logout',
    action: 'session.use',
    async handler({ session, reply }) {
      await logoutOperator(services.db, session.tokenHash);
      clearSessionCookie(services, reply);
      return { ok: true };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/me',
    action: 'session.use',
    async handler({ session }) {
      return { operator: presentOperator(session.operator), org: presentOrg(session.org), csrf_token: session.csrfToken, mode: services.config.mode };
    },
  });
}
