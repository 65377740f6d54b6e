import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { moderateArticles, moderateText } from './contentModerator.js';
import { listViolations, saveModerationTerms } from '../store/moderation.js';

describeEachDb('content moderation command', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  it('finds a default term in article HTML and records the violation', async () => {
    const { account } = await makeAccount(herald.services);
    const v = await moderateArticles(herald.services.db, herald.services.clock, {
      accountId: account.id,
      action: 'publish',
      groupId: 'group-1',
      articles: [
        { idx: 0, title: 'Tea', digest: 'About tea', content: '<p>Green tea is good.</p>' },
        { idx: 1, title: 'Offers', digest: '', content: '<p>Join our on<strong>line</strong> <span>casino</span> today!</p><script>online casino</script>' },
      ],
    });
    expect(v).toMatchObject({ category: 'gambling', categoryLabel: 'Gambling or illegal activity', term: 'online casino', articleIdx: 1 });
    expect(v!.passage).toContain('online casino');
    const rows = await listViolations(herald.services.db, account.id, { limit: 10 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ category: 'gambling', term: 'online casino', action: 'publish', groupId: 'group-1', articleIdx: 1 });
  });

  it('returns null for clean content and records nothing', async () => {
    const { account } = await makeAccount(herald.services);
    expect(await moderateArticles(herald.services.db, herald.services.clock, { accountId: account.id, action: 'preview', articles: [{ idx: 0, title: 'Hello', digest: '', content: '<p>Nothing to see</p>' }] })).toBeNull();
    expect(await moderateText(herald.services.db, herald.services.clock, { accountId: account.id, action: 'broadcast', text: 'Good morning' })).toBeNull();
    expect(await listViolations(herald.services.db, account.id, { limit: 10 })).toEqual([]);
  });

  it('checks text push posts and uses the administrator\'s terms', async () => {
    const { account } = await makeAccount(herald.services);
    const v = await moderateText(herald.services.db, herald.services.clock, { accountId: account.id, action: 'broadcast', text: '出售 冰\u200b毒，量大从优' });
    expect(v).toMatchObject({ category: 'drugs', term: '冰毒', articleIdx: null });
    expect((await listViolations(herald.services.db, account.id, { limit: 10 }))[0]).toMatchObject({ action: 'broadcast', groupId: null, articleIdx: null });
  });

  it('records in the caller\'s transaction: a rollback discards the violation', async () => {
    const { account } = await makeAccount(herald.services);
    await herald.services.db
      .transaction(async (tx) => {
        const v = await moderateText(tx, herald.services.clock, { accountId: account.id, action: 'broadcast', text: 'buy cocaine here' });
        expect(v?.category).toBe('drugs');
        throw new Error('rolled back');
      })
      .catch((err: Error) => expect(err.message).toBe('rolled back'));
    expect(await listViolations(herald.services.db, account.id, { limit: 10 })).toEqual([]);
  });

  it('follows edited term lists (last test: the list is instance-wide)', async () => {
    const { account } = await makeAccount(herald.services);
    await saveModerationTerms(herald.services.db, { copyright: ['shadow library'] });
    expect(await moderateText(herald.services.db, herald.services.clock, { accountId: account.id, action: 'preview', text: 'Get it from the Shadow Library' })).toMatchObject({ category: 'copyright' });
    expect(await moderateText(herald.services.db, herald.services.clock, { accountId: account.id, action: 'preview', text: 'pirated copy' })).toBeNull();
  });
});
