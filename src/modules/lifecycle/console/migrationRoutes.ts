import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../../surfaces/console/kit.js';
import { findAccountById } from '../../accounts/index.js';
import { applyMigration } from '../commands/migrationApplier.js';
import { cancelMigration, confirmMigration } from '../commands/migrationConfirmer.js';
import { listMigrations, type MigrationRow } from '../store.js';
import { presentMigration } from './presenters.js';

const applyBody = z
  .object({
    to_appid: z.string().min(1).max(64),
    move_followers: z.boolean().default(true),
    move_materials: z.boolean().default(false),
  })
  .strict();

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function present(services: Services, rows: MigrationRow[], accountId: string) {
  const ids = [...new Set(rows.flatMap((r) => [r.fromAccountId, r.toAccountId]))];
  const found = await Promise.all(ids.map((id) => findAccountById(services.db, id)));
  const names = new Map(found.flatMap((a) => (a ? [[a.id, { appid: a.appid, name: a.name }] as const] : [])));
  return rows.map((r) => presentMigration(r, names, accountId));
}

function migrationId(id: string): string {
  // A malformed id is simply not a migration of this account (404), never a database error.
  return UUID_RE.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}

/** 账号迁移 in the console: A's owner applies naming B; each side's owner confirms or cancels. */
export function registerMigrationRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/migrations',
    action: 'lifecycle.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      return { migrations: await present(services, await listMigrations(services.db, account.id), account.id) };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/migrations',
    action: 'lifecycle.migrate',
    body: applyBody,
    status: 201,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const m = await applyMigration(services, {
        fromAccountId: account.id,
        toAppid: body.to_appid,
        operatorId: session.operator.id,
        moveFollowers: body.move_followers,
        moveMaterials: body.move_materials,
      });
      return { migration: (await present(services, [m], account.id))[0] };
    },
  });

  for (const step of ['confirm', 'cancel'] as const) {
    consoleRoute(api, services, {
      method: 'POST',
      url: `/accounts/:appid/migrations/:id/${step}`,
      action: 'lifecycle.migrate',
      async handler({ session, params }) {
        const account = await accountInScope(services, session, params.appid);
        const input = { migrationId: migrationId(params.id), accountId: account.id };
        const m = step === 'confirm' ? await confirmMigration(services, input) : await cancelMigration(services, input);
        return { migration: (await present(services, [m], account.id))[0] };
      },
    });
  }
}
