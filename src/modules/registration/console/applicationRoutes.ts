import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';
import { consoleUploadScope, documentUpload, sendPrivateDocument } from '../../../surfaces/console/uploads.js';
import { findAccountById } from '../../accounts/index.js';
import { applicationOfOrg } from '../commands/access.js';
import { fileAppeal } from '../commands/appealFiler.js';
import { saveApplication } from '../commands/applicationSaver.js';
import { startApplication } from '../commands/applicationStarter.js';
import { submitApplication } from '../commands/applicationSubmitter.js';
import { uploadDocument } from '../commands/documentUploader.js';
import { DOCUMENT_MAX_BYTES } from '../rules/documents.js';
import { findDocument, listApplicationsOfOrg, listDecisions, listDocuments, type ApplicationRow, type DocumentRow } from '../store.js';
import { presentApplication, presentApplicationSummary, presentDocument } from './presenters.js';

const startBody = z.object({
  account_type: z.string().max(40),
  subject_type: z.string().max(40),
  confirm_permanent: z.boolean(),
});

const country = cleanText().pipe(z.string().max(8)).nullable().optional();

// Lengths and formats are judged by the rules (rules/application.ts) at submission; the schema
// only bounds what is read at all.
const saveBody = z
  .object({
    operating_region: country,
    registration_jurisdiction: country,
    name: cleanText().pipe(z.string().max(200)).nullable().optional(),
    wechat_id: cleanText().pipe(z.string().max(200)).nullable().optional(),
    description: cleanText({ multiline: true }).pipe(z.string().max(2000)).nullable().optional(),
    chinese_licence: z.boolean().optional(),
    partner_entity: z.boolean().optional(),
  })
  .strict();

const appealBody = z.object({
  application_id: cleanText().pipe(z.string().min(1, 'Enter the application ID.').max(40)),
  text: cleanText({ multiline: true }).pipe(z.string().max(4000)),
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The application with what its page shows. */
export async function applicationView(services: Pick<Services, 'db'>, app: ApplicationRow) {
  const [docs, decisions, account] = await Promise.all([listDocuments(services.db, app.id), listDecisions(services.db, app.id), app.accountId ? findAccountById(services.db, app.accountId) : undefined]);
  return { docs, decisions, appid: account?.appid ?? null };
}

/** Sends a document's bytes: never rendered as a page of the console's origin. */
export async function sendDocument(services: Pick<Services, 'db' | 'mediaStorage'>, app: ApplicationRow, documentId: string, reply: FastifyReply): Promise<Buffer> {
  const doc: DocumentRow | undefined = UUID_RE.test(documentId) ? await findDocument(services.db, app.id, documentId) : undefined;
  const bytes = doc ? await services.mediaStorage.get(doc.storageKey) : undefined;
  if (!doc || !bytes) throw new DomainError('not_found', 'No such document.');
  return sendPrivateDocument(reply, doc, bytes);
}

/** The applicant's side: start, fill, upload, submit, see decisions, resubmit, appeal. */
export function registerApplicationRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/registration/applications',
    action: 'registration.view',
    async handler({ session }) {
      return { applications: (await listApplicationsOfOrg(services.db, session.org.id)).map(presentApplicationSummary) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/registration/applications',
    action: 'registration.apply',
    body: startBody,
    status: 201,
    async handler({ session, body }) {
      const app = await startApplication(services, { orgId: session.org.id, operatorId: session.operator.id }, { accountType: body.account_type, subjectType: body.subject_type, confirmPermanent: body.confirm_permanent });
      return { application: presentApplication(app, [], [], null) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/registration/applications/:id',
    action: 'registration.view',
    async handler({ session, params }) {
      const app = await applicationOfOrg(services.db, session.org.id, params.id);
      const v = await applicationView(services, app);
      return { application: presentApplication(app, v.docs, v.decisions, v.appid) };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/registration/applications/:id',
    action: 'registration.apply',
    body: saveBody,
    async handler({ session, params, body }) {
      const app = await saveApplication(services, session.org.id, params.id, {
        operatingRegion: body.operating_region,
        jurisdiction: body.registration_jurisdiction,
        name: body.name,
        wechatId: body.wechat_id,
        description: body.description,
        chineseLicence: body.chinese_licence,
        partnerEntity: body.partner_entity,
      });
      const v = await applicationView(services, app);
      return { application: presentApplication(app, v.docs, v.decisions, v.appid) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/registration/applications/:id/submit',
    action: 'registration.apply',
    async handler({ session, params }) {
      const app = await submitApplication(services, session.org.id, params.id);
      const v = await applicationView(services, app);
      return { application: presentApplication(app, v.docs, v.decisions, v.appid) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/registration/appeals',
    action: 'registration.apply',
    body: appealBody,
    async handler({ session, body }) {
      const app = await fileAppeal(services, session.org.id, { applicationId: body.application_id, text: body.text });
      const v = await applicationView(services, app);
      return { application: presentApplication(app, v.docs, v.decisions, v.appid) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/registration/applications/:id/documents/:docId',
    action: 'registration.view',
    async handler({ session, params, reply }) {
      const app = await applicationOfOrg(services.db, session.org.id, params.id);
      return sendDocument(services, app, params.docId, reply);
    },
  });

  // Documents need a larger body than the console's JSON limit: their own scope.
  consoleUploadScope(api, services, DOCUMENT_MAX_BYTES, (uploads) => {
    consoleRoute(uploads, services, {
      method: 'POST',
      url: '/registration/applications/:id/documents',
      action: 'registration.apply',
      status: 201,
      async handler({ session, params, request }) {
        const doc = await uploadDocument(services, session.org.id, params.id, documentUpload(request));
        return { document: presentDocument(doc) };
      },
    });
  });
}
