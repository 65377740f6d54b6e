import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { RateLimiter } from '../../../platform/http/rateLimit.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';
import { requestSignup } from '../commands/signupRequester.js';
import { verifySignup } from '../commands/signupVerifier.js';
import { SIGNUPS_PER_ADDRESS, SIGNUPS_PER_EMAIL, VERIFICATIONS_PER_ADDRESS } from '../rules/signup.js';

const signupBody = z.object({
  email: cleanText().pipe(z.string().min(1, 'Enter your email.').max(254)),
  password: z.string().min(1, 'Enter a password.').max(1024),
});

const verifyBody = z.object({ token: z.string().min(1).max(200) });

/** Counts one request of an address; refuses with rate_limited when it must wait. */
function take(limiter: RateLimiter, key: string, what: string): void {
  const wait = limiter.take(key);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new DomainError('rate_limited', `Too many ${what} from this address. Try again in ${seconds} s.`, { retryAfterSec: seconds });
  }
}

/**
 * Signing up for the console: ask with an email and a password (the same answer whether or not
 * the email is in use), then follow the link mailed to it. Throttled per client address and per
 * email, like the login.
 */
export function registerSignupRoutes(api: FastifyInstance, services: Services): void {
  const perAddress = new RateLimiter(services.clock, SIGNUPS_PER_ADDRESS);
  const perEmail = new RateLimiter(services.clock, SIGNUPS_PER_EMAIL);
  const verifications = new RateLimiter(services.clock, VERIFICATIONS_PER_ADDRESS);

  consoleRoute(api, services, {
    method: 'POST',
    url: '/signup',
    action: 'session.use',
    auth: 'none',
    body: signupBody,
    status: 202,
    async handler({ body, request }) {
      take(perAddress, request.ip ?? '', 'sign-ups');
      const { email } = await requestSignup(services, body, perEmail);
      return { email, link_hours: services.config.signupLinkHours };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/signup/verify',
    action: 'session.use',
    auth: 'none',
    body: verifyBody,
    async handler({ body, request }) {
      take(verifications, request.ip ?? '', 'verification attempts');
      return verifySignup(services, body.token);
    },
  });
}
