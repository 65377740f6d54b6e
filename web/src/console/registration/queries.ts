import { consoleQuery } from '../queries.js';
import type { RegistrationApplication, RegistrationReview, RegistrationSummary } from '../../../../src/modules/registration/console/presenters.js';

export type { RegistrationApplication, RegistrationReview, RegistrationSummary };

/** The organization's applications. */
export const applicationsQuery = consoleQuery<{ applications: RegistrationSummary[] }>(['registration'], '/registration/applications');

/** One application as its applicant sees it. */
export const applicationQuery = (id: string) => consoleQuery<{ application: RegistrationApplication }>(['registration', id], `/registration/applications/${encodeURIComponent(id)}`);

/** The review queue. */
export const queueQuery = consoleQuery<{ queue: Array<RegistrationSummary & { appealed_at: string | null }>; now: string }>(['admin', 'registrations'], '/admin/registrations');

/** Processing times of decided applications, per operating region and subject type. */
export interface ProcessingTimesRow {
  region: string;
  subject_type: string;
  decided: number;
  median_seconds: number;
  p90_seconds: number;
}

/** Processing-time statistics (median, 90th percentile). */
export const statisticsQuery = consoleQuery<{ statistics: ProcessingTimesRow[] }>(['admin', 'registrations', 'statistics'], '/admin/registrations/statistics');

/** One application as the reviewer sees it. */
export const reviewQuery = (id: string) => consoleQuery<{ application: RegistrationReview }>(['admin', 'registrations', id], `/admin/registrations/${encodeURIComponent(id)}`);
