import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';
import { consoleUploadScope, documentUpload, sendPrivateDocument } from '../../../surfaces/console/uploads.js';
import { DOCUMENT_MAX_BYTES } from '../../registration/rules/documents.js';
import { feeFor, verifiableSubject } from '../rules/verification.js';
import { documentWithBytes, verificationById } from '../commands/access.js';
import { convertAccount, conversionState } from '../commands/accountConverter.js';
import { uploadVerificationDocument } from '../commands/documentUploader.js';
import { registeredSubject } from '../commands/subject.js';
import { applyForVerification } from '../commands/verificationApplier.js';
import { listVerificationDocuments, listVerificationsOfAccount, openVerificationOf } from '../store.js';
import { presentConversion, presentVerification, presentVerificationDocument, presentVerificationPage } from './presenters.js';

const applyBody = z
  .object({
    subject_type: z.string().max(40),
    subject_name: cleanText().pipe(z.string().max(200)),
    chinese_registration: z.boolean().default(false),
    requested_name: cleanText().pipe(z.string().max(200)).nullable().optional(),
  })
  .strict();

const convertBody = z.object({ confirm_permanent: z.boolean() }).strict();

/** The account's verification page as the console shows it. */
async function pageOf(services: Services, account: Awaited<ReturnType<typeof accountInScope>>) {
  const [registered, applications, open, state] = await Promise.all([
    registeredSubject(services.db, account.id),
    listVerificationsOfAccount(services.db, account.id),
    openVerificationOf(services.db, account.id),
    conversionState(services, services.db, account),
  ]);
  const subject = registered?.subjectType ?? null;
  return presentVerificationPage(account, services.clock.nowMs(), {
    feeFen: feeFor(subject && verifiableSubject(subject) ? subject : 'enterprise', services.config.verification.feeFen),
    registeredSubject: subject,
    applications,
    open: open ? { app: open, docs: await listVerificationDocuments(services.db, open.id) } : undefined,
    conversion: state.conversion,
    conversionRefusal: state.refusal,
  });
}

/** An account's 微信认证 page: apply or renew, upload documents, see decisions; convert its type. */
export function registerVerificationAccountRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/verification',
    action: 'verification.view',
    async handler({ session, params }) {
      return pageOf(services, await accountInScope(services, session, params.appid));
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/verification',
    action: 'verification.apply',
    body: applyBody,
    status: 201,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const app = await applyForVerification(services, session.operator.id, account, {
        subjectType: body.subject_type,
        subjectName: body.subject_name,
        chineseRegistration: body.chinese_registration,
        requestedName: body.requested_name,
      });
      return { application: presentVerification(app, []) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/verification/:id/documents/:docId',
    action: 'verification.view',
    async handler({ session, params, reply }) {
      const account = await accountInScope(services, session, params.appid);
      const app = await verificationById(services.db, params.id, account.id);
      const { doc, bytes } = await documentWithBytes(services, app, params.docId);
      return sendPrivateDocument(reply, doc, bytes);
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/conversion',
    action: 'account.convert',
    body: convertBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const conversion = await convertAccount(services, session.operator.id, account.id, body.confirm_permanent);
      return { conversion: presentConversion(conversion) };
    },
  });

  // Documents need a larger body than the console's JSON limit: their own scope.
  consoleUploadScope(api, services, DOCUMENT_MAX_BYTES, (uploads) => {
    consoleRoute(uploads, services, {
      method: 'POST',
      url: '/accounts/:appid/verification/:id/documents',
      action: 'verification.apply',
      status: 201,
      async handler({ session, params, request }) {
        const account = await accountInScope(services, session, params.appid);
        const app = await verificationById(services.db, params.id, account.id);
        const doc = await uploadVerificationDocument(services, app, documentUpload(request));
        return { document: presentVerificationDocument(doc) };
      },
    });
  });
}
