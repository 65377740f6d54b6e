/**
 * Issue 10, finding 14: a platform-mode Herald is set up without SQL. `herald admin create`
 * (the real command, as a child process) creates a platform administrator with an organization,
 * refuses a weak password and a taken email; the administrator can then sign in.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { root } from '../child.js';
import { connect } from '../../src/platform/db/connect.js';
import { SystemClock } from '../../src/platform/clock.js';
import { LoginThrottle } from '../../src/platform/http/loginThrottle.js';
import { loginOperator } from '../../src/modules/operators/commands/operatorLogin.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'herald-admin-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function herald(args: string[], input: string) {
  return spawnSync(process.execPath, ['bin/herald.mjs', ...args], {
    cwd: root,
    env: { ...process.env, HERALD_DATA_DIR: dataDir, HERALD_MODE: 'platform', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
}

describe('security: first administrator (issue 10, finding 14)', () => {
  it('creates a platform administrator with an organization from the command line', { timeout: 300_000 }, () => {
    const weak = herald(['admin', 'create', '--email', 'root@example.com', '--password-stdin', '--org', 'Acme'], 'short-pw\n');
    expect(weak.status, weak.stderr).toBe(1);
    expect(weak.stderr).toContain('at least 12 characters');
    const repeated = herald(['admin', 'create', '--email', 'root@example.com', '--password-stdin'], 'aaaaaaaaaaaaaaaa\n');
    expect(repeated.status).toBe(1);

    const ok = herald(['admin', 'create', '--email', 'Root@Example.com', '--password-stdin', '--org', 'Acme Media'], 'a long enough passphrase\n');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Created platform administrator Root@Example.com');
    expect(ok.stdout).toContain('"Acme Media"');
    expect(ok.stdout).not.toContain('passphrase');

    // The same email in another case is refused, and no second organization is left behind.
    const dup = herald(['admin', 'create', '--email', ' root@example.COM ', '--password-stdin', '--org', 'Other'], 'another long passphrase\n');
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain('already exists');
  });

  it('refuses bad arguments with the usage and status 2', () => {
    for (const args of [['admin'], ['admin', 'create', '--password-stdin'], ['admin', 'create', '--email', 'a@b.io'], ['admin', 'create', '--email', 'a@b.io', '--password', 'x']]) {
      const r = herald(args, 'a long enough passphrase\n');
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage: herald admin create');
    }
  });

  it('the administrator owns the organization and can sign in', { timeout: 120_000 }, async () => {
    const database = await connect({ kind: 'pglite', dataDir });
    try {
      const rows = await database.rows<{ email: string; role: string; platform_admin: boolean; org: string }>(sql`
        select o.email, o.role, o.platform_admin, g.name as org from operators o join organizations g on g.id = o.org_id`);
      expect(rows).toEqual([{ email: 'Root@Example.com', role: 'owner', platform_admin: true, org: 'Acme Media' }]);
      expect(await database.rows(sql`select name from organizations order by name`)).toEqual([{ name: 'Acme Media' }]);
      const clock = new SystemClock({ adjustable: false });
      const session = await loginOperator({ db: database.db, clock }, { email: 'root@example.com', password: 'a long enough passphrase', ip: '127.0.0.1' }, new LoginThrottle(clock));
      expect(session.operator).toMatchObject({ email: 'Root@Example.com', role: 'owner', platformAdmin: true });
    } finally {
      await database.close();
    }
  });
});
