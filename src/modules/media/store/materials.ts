import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../../platform/db/connect.js';
import { media } from '../schema.js';
import { MEDIA_ID_RE } from '../rules/media.js';
import type { MaterialKind } from '../rules/materialLimits.js';
import type { MediaRow } from './media.js';

/**
 * SQL for permanent file materials: media rows with origin 'material' (add_material). Rows are
 * written with insertMedia; news materials are the articles module's news groups, and the menus
 * and auto-replies that refer to a material are asked through `ports.ts`.
 */

/** Serialises material uploads of one account for the rest of the transaction (count, then insert). */
export async function lockMaterials(tx: Tx, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`material:${accountId}`}))`);
}

const isMaterial = (accountId: string) => and(eq(media.accountId, accountId), eq(media.origin, 'material'));

/** How many materials of a kind the account keeps. */
export async function countMaterials(db: Executor, accountId: string, kind: MaterialKind): Promise<number> {
  const [row] = await db.select({ n: count() }).from(media).where(and(isMaterial(accountId), eq(media.kind, kind)));
  return Number(row?.n ?? 0);
}

/** Materials per kind (kinds the account has none of are 0). */
export async function countMaterialsByKind(db: Executor, accountId: string): Promise<Record<MaterialKind, number>> {
  const rows = await db.select({ kind: media.kind, n: count() }).from(media).where(isMaterial(accountId)).groupBy(media.kind);
  const out: Record<MaterialKind, number> = { image: 0, voice: 0, video: 0, thumb: 0 };
  for (const r of rows) if (r.kind in out) out[r.kind as MaterialKind] = Number(r.n);
  return out;
}

/** One of the account's materials; undefined for unknown, malformed or another account's ids. */
export async function findMaterial(db: Executor, accountId: string, id: string): Promise<MediaRow | undefined> {
  if (typeof id !== 'string' || !MEDIA_ID_RE.test(id)) return undefined;
  const [row] = await db.select().from(media).where(and(eq(media.id, id), isMaterial(accountId)));
  return row;
}

/** A page of the account's materials of a kind, newest first. */
export async function listMaterials(db: Executor, accountId: string, kind: MaterialKind, offset: number, limit: number): Promise<MediaRow[]> {
  return db
    .select()
    .from(media)
    .where(and(isMaterial(accountId), eq(media.kind, kind)))
    .orderBy(desc(media.createdAt), desc(media.id))
    .offset(offset)
    .limit(limit);
}

/** Removes one material row; returns its storage key (bytes are removed after commit), or undefined. */
export async function deleteMaterialRow(db: Executor, accountId: string, id: string): Promise<string | undefined> {
  const [row] = await db.delete(media).where(and(eq(media.id, id), isMaterial(accountId))).returning({ key: media.storageKey });
  return row?.key;
}

/**
 * Hands every permanent material (add_material) of one account to another: an account
 * migration's optional move of materials. Returns how many moved.
 */
export async function moveMaterials(db: Executor, fromAccountId: string, toAccountId: string): Promise<number> {
  const moved = await db
    .update(media)
    .set({ accountId: toAccountId })
    .where(and(eq(media.accountId, fromAccountId), eq(media.origin, 'material')))
    .returning({ id: media.id });
  return moved.length;
}
