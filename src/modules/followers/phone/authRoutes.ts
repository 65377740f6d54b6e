import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { RateLimiter } from '../../../platform/http/rateLimit.js';
import { checkedRegion, createFollowerUser } from '../commands/followerUserCreator.js';
import { signUpFollower } from '../commands/followerSignup.js';
import { loginFollower } from '../commands/followerLogin.js';
import type { LoginAttempts } from '../../../platform/http/loginThrottle.js';
import { issuePhoneToken } from '../../../surfaces/phone/token.js';
import { findFollowerUser } from '../store/users.js';
import { listRecentFollowerUsers, setFollowerRegion } from '../store/phoneDirectory.js';
import { phoneRoute, phoneText } from '../../../surfaces/phone/kit.js';
import { presentPhoneUser } from './presenters.js';

/** Sign-ups per client address (counted before anything is checked, refused ones too). */
export const SIGNUP_LIMIT = { limit: 20, windowMs: 60 * 60 * 1000 };

/** How many users the emulator's "who are you?" screen lists. */
const USER_LIST_LIMIT = 200;

const newUserBody = z.object({
  nickname: phoneText(64),
  country: phoneText(64).optional(),
  province: phoneText(64).optional(),
  city: phoneText(64).optional(),
  language: z.string().max(8).optional(),
  region: z.string().max(8).optional(),
});

const regionBody = z.object({ region: z.string().max(8) });

const sessionBody = z.object({ user_id: z.string().min(1).max(64) });

const signupBody = z.object({
  email: phoneText(254).pipe(z.string().min(1, 'Enter your email.')),
  nickname: phoneText(64).pipe(z.string().min(1, 'Enter a nickname.')),
  password: z.string().min(1, 'Enter a password.').max(1024),
});

const loginBody = z.object({
  email: phoneText(254).pipe(z.string().min(1, 'Enter your email.')),
  password: z.string().min(1, 'Enter your password.').max(1024),
});

/**
 * Who the tab is. Emulator mode: pick or create a simulated user and open a session as them.
 * Platform mode: people sign up and sign in with an email and a password. Either way the
 * answer is a phone token the page keeps per tab.
 */
export function registerAuthRoutes(api: FastifyInstance, services: Services, { attempts }: { attempts: LoginAttempts }): void {
  const emulator = services.config.mode === 'emulator';
  const signups = new RateLimiter(services.clock, SIGNUP_LIMIT);
  const session = async (user: Parameters<typeof presentPhoneUser>[0]) => ({
    token: await issuePhoneToken(services, user.id),
    user: presentPhoneUser(user),
  });

  phoneRoute(api, services, {
    method: 'GET',
    url: '/config',
    auth: 'none',
    async handler() {
      return { mode: services.config.mode };
    },
  });

  if (emulator) {
    phoneRoute(api, services, {
      method: 'GET',
      url: '/users',
      auth: 'none',
      async handler() {
        return { users: (await listRecentFollowerUsers(services.db, USER_LIST_LIMIT)).map(presentPhoneUser) };
      },
    });

    phoneRoute(api, services, {
      method: 'POST',
      url: '/users',
      auth: 'none',
      body: newUserBody,
      status: 201,
      async handler({ body }) {
        const user = await createFollowerUser(services, body);
        return { user: presentPhoneUser(user) };
      },
    });

    phoneRoute(api, services, {
      method: 'POST',
      url: '/session',
      auth: 'none',
      body: sessionBody,
      async handler({ body }) {
        const user = await findFollowerUser(services.db, body.user_id);
        if (!user) throw new DomainError('not_found', 'No such user.');
        return session(user);
      },
    });
  } else {
    phoneRoute(api, services, {
      method: 'POST',
      url: '/signup',
      auth: 'none',
      body: signupBody,
      status: 201,
      async handler({ body, request }) {
        const wait = signups.take(request.ip ?? '');
        if (wait > 0) {
          const seconds = Math.ceil(wait / 1000);
          throw new DomainError('rate_limited', `Too many sign-ups from this address. Try again in ${seconds} s.`, { retryAfterSec: seconds });
        }
        return session(await signUpFollower(services, body));
      },
    });

    phoneRoute(api, services, {
      method: 'POST',
      url: '/login',
      auth: 'none',
      body: loginBody,
      async handler({ body, request }) {
        return session(await loginFollower(services, { email: body.email, password: body.password, ip: request.ip ?? '' }, attempts));
      },
    });
  }

  phoneRoute(api, services, {
    method: 'GET',
    url: '/me',
    async handler({ user }) {
      return { user: presentPhoneUser(user), mode: services.config.mode };
    },
  });

  // 我 → Region: where the phone is used, which decides the accounts it may see.
  phoneRoute(api, services, {
    method: 'POST',
    url: '/me/region',
    body: regionBody,
    async handler({ user, body }) {
      return { user: presentPhoneUser(await setFollowerRegion(services.db, user.id, checkedRegion(body.region))) };
    },
  });
}
