import { consoleQuery } from '../queries.js';
import { accountApi } from '../api.js';
import type { presentVerification, presentVerificationPage } from '../../../../src/modules/verification/console/presenters.js';

export type VerificationPage = ReturnType<typeof presentVerificationPage>;
export type VerificationApplication = ReturnType<typeof presentVerification>;
export type ReviewApplication = VerificationApplication & { account: { appid: string; name: string; type: string; verified_until?: string | null } | null };

/** An account's verification page. */
export const verificationQuery = (appid: string) => consoleQuery<VerificationPage>(['verification', appid], accountApi(appid, '/verification'));

/** The platform's queue. */
export const verificationQueueQuery = consoleQuery<{ queue: ReviewApplication[]; now: string }>(['admin', 'verifications'], '/admin/verifications');

/** One application as the reviewer sees it. */
export const verificationReviewQuery = (id: string) => consoleQuery<{ application: ReviewApplication }>(['admin', 'verifications', id], `/admin/verifications/${encodeURIComponent(id)}`);
