/**
 * Issue 10, finding 6: the embedded database's data directory is its owner's only: directories
 * 0700 and files 0600, on a fresh data directory and repaired at start on one left world-readable.
 */
import { chmodSync, mkdtempSync, readdirSync, lstatSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/platform/db/connect.js';
import { DiskMediaStorage } from '../../src/platform/media/storage.js';
import { sql } from 'drizzle-orm';

/** Every entry under root with its permission bits. */
function modes(root: string): { files: Map<string, number>; dirs: Map<string, number> } {
  const files = new Map<string, number>();
  const dirs = new Map<string, number>();
  const visit = (p: string) => {
    const st = lstatSync(p);
    if (st.isDirectory()) {
      dirs.set(p, st.mode & 0o777);
      for (const n of readdirSync(p)) visit(path.join(p, n));
    } else if (st.isFile()) files.set(p, st.mode & 0o777);
  };
  visit(root);
  return { files, dirs };
}

const notPrivate = (m: Map<string, number>, want: number) => [...m].filter(([, mode]) => mode !== want).map(([p, mode]) => `${p} ${mode.toString(8)}`);

describe.skipIf(process.platform === 'win32')('security: data directory permissions (issue 10, finding 6)', () => {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'herald-perm-'));
  const dataDir = path.join(parent, 'data');
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('a fresh embedded data directory is 0700 with files 0600', { timeout: 240_000 }, async () => {
    const database = await connect({ kind: 'pglite', dataDir });
    await database.rows(sql`create table perm_probe (id int)`);
    await database.rows(sql`insert into perm_probe values (1)`);
    await database.close();
    const { files, dirs } = modes(dataDir);
    expect(files.size).toBeGreaterThan(100);
    expect(notPrivate(dirs, 0o700)).toEqual([]);
    expect(notPrivate(files, 0o600)).toEqual([]);
  });

  it('a data directory left 0777/0666 is repaired at start', { timeout: 240_000 }, async () => {
    chmodSync(dataDir, 0o777);
    const before = modes(dataDir);
    for (const f of before.files.keys()) chmodSync(f, 0o666);
    for (const d of before.dirs.keys()) chmodSync(d, 0o777);
    const database = await connect({ kind: 'pglite', dataDir });
    const { files, dirs } = modes(dataDir);
    expect(notPrivate(dirs, 0o700)).toEqual([]);
    expect(notPrivate(files, 0o600)).toEqual([]);
    expect(await database.rows(sql`select id from perm_probe`)).toEqual([{ id: 1 }]);
    await database.close();
  });

  it('media files are written 0600 in 0700 directories', async () => {
    const storage = new DiskMediaStorage(path.join(parent, 'media'));
    await storage.put('abcdefgh1234', Buffer.from('bytes'));
    const { files, dirs } = modes(path.join(parent, 'media'));
    expect(files.size).toBe(1);
    expect(notPrivate(files, 0o600)).toEqual([]);
    expect(dirs.size).toBe(2);
    expect(notPrivate(dirs, 0o700)).toEqual([]);
  });
});
