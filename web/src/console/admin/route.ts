import type { AdminRoute } from '../route.js';
import { IcpDomainsPage } from './IcpDomainsPage.js';
import { ModerationTermsPage } from './ModerationTermsPage.js';
import { ReviewPage } from '../registration/ReviewPage.js';
import { VerificationReviewPage } from '../verification/ReviewPage.js';
import { costsAdminRoutes } from '../costs/route.js';
import { MerchantReviewPage } from '../pay/MerchantReviewPage.js';
import { EnforcementReviewPage } from '../enforcement/ReviewPage.js';
import { t } from '../../i18n/index.js';

/** The platform settings' pages. */
export const adminRoutes: AdminRoute[] = [
  { path: 'moderation', label: t('admin.contentModeration'), icon: '⚑', component: ModerationTermsPage },
  { path: 'icp-domains', label: t('admin.icpFiledDomains'), icon: '◎', component: IcpDomainsPage },
  { path: 'registrations', label: t('registration.reviewTab'), icon: '✓', component: ReviewPage },
  { path: 'verifications', label: t('verification.reviewTab'), icon: '✦', component: VerificationReviewPage },
  ...costsAdminRoutes,
  { path: 'pay-merchants', label: t('pay.reviewTab'), icon: '¥', component: MerchantReviewPage },
  { path: 'enforcement', label: t('enforcement.reviewTab'), icon: '⚠', component: EnforcementReviewPage },
];
