import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachDb, makeOrg, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { operators } from '../schema.js';
import { verifyPassword } from '../../../platform/password.js';
import { DomainError } from '../../../platform/errors.js';
import { createOperator } from './operatorCreator.js';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
};

describeEachDb('createOperator', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stores a scrypt hash, never the password, and returns no hash', async () => {
    const org = await makeOrg(h.services);
    const op = await createOperator(h.services.db, { orgId: org.id, email: ' Ada@Example.com ', name: 'Ada', password: 'long-enough', role: 'owner', platformAdmin: true });
    expect(op).toEqual({ id: op.id, orgId: org.id, email: 'Ada@Example.com', name: 'Ada', role: 'owner', platformAdmin: true });
    const [row] = await h.services.db.select().from(operators).where(eq(operators.id, op.id));
    expect(row.passwordHash).not.toContain('long-enough');
    expect(await verifyPassword('long-enough', row.passwordHash)).toBe(true);
  });

  it('keeps emails unique regardless of case', async () => {
    const org = await makeOrg(h.services);
    const other = await makeOrg(h.services);
    const email = `dup-${org.id.slice(0, 8)}@example.com`;
    await createOperator(h.services.db, { orgId: org.id, email, name: 'A', password: 'password-1' });
    expect(await codeOf(createOperator(h.services.db, { orgId: other.id, email: email.toUpperCase(), name: 'B', password: 'password-2' }))).toBe('conflict');
  });

  it('validates its input', async () => {
    const org = await makeOrg(h.services);
    const base = { orgId: org.id, email: `v-${org.id.slice(0, 8)}@example.com`, name: 'V', password: 'password-1' };
    expect(await codeOf(createOperator(h.services.db, { ...base, password: 'short' }))).toBe('weak_password');
    expect(await codeOf(createOperator(h.services.db, { ...base, password: 'x'.repeat(5000) }))).toBe('invalid_password');
    expect(await codeOf(createOperator(h.services.db, { ...base, email: 'not-an-email' }))).toBe('invalid_email');
    expect(await codeOf(createOperator(h.services.db, { ...base, email: `${'a'.repeat(250)}@x.io` }))).toBe('invalid_email');
    expect(await codeOf(createOperator(h.services.db, { ...base, name: '   ' }))).toBe('invalid_name');
    expect(await codeOf(createOperator(h.services.db, { ...base, role: 'root' as never }))).toBe('invalid_role');
    expect(await codeOf(createOperator(h.services.db, { ...base, orgId: '00000000-0000-4000-8000-000000000000' }))).toBe('not_found');
  });
});
