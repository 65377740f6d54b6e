import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { makePublishedArticle } from '../../../../test/factories/articles.js';
import { PLACEHOLDER_PNG } from '../../../surfaces/sim/placeholders.js';
import { DomainError } from '../../../platform/errors.js';
import { addMaterial } from '../../media/commands/materialAdder.js';
import { createDraft } from './draftCreator.js';
import { replaceDraft } from './draftReplacer.js';
import { updateDraft } from './draftUpdater.js';

describeEachDb('draft commands (console fields)', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  const refusal = async (p: Promise<unknown>) => {
    const err = await p.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    return { code: (err as DomainError).code, errcode: (err as DomainError).details?.errcode, message: (err as DomainError).message };
  };

  it('reposts only published originals of other accounts that allow it', async () => {
    const { account } = await makeAccount(herald.services);
    const other = await makeAccount(herald.services);
    const cover = (await addMaterial(herald.services, { account, kind: 'image', file: { bytes: PLACEHOLDER_PNG } })).id;
    const open = await makePublishedArticle(herald.services.db, { accountId: other.account.id, original: true, canReprint: true });
    const closed = await makePublishedArticle(herald.services.db, { accountId: other.account.id, original: true, canReprint: false });
    const plain = await makePublishedArticle(herald.services.db, { accountId: other.account.id, original: false });
    const unpublished = await makePublishedArticle(herald.services.db, { accountId: other.account.id, original: true, published: false });
    const own = await makePublishedArticle(herald.services.db, { accountId: account.id, original: true });
    const draft = (reprintOf: string) => ({ title: 'Repost', content: '<p>worth reading</p>', thumb_media_id: cover, reprint_of: reprintOf });

    const { articles } = await createDraft(herald.services, { accountId: account.id, articles: [draft(open.article.id)], forConsole: true });
    expect(articles[0]).toMatchObject({ reprintOf: open.article.id, original: false });
    for (const id of [closed.article.id, plain.article.id, unpublished.article.id, own.article.id, 'nope']) {
      expect(await refusal(createDraft(herald.services, { accountId: account.id, articles: [draft(id)], forConsole: true }))).toMatchObject({ code: 'invalid_article', errcode: 53600 });
    }
    // The WeChat API cannot set console fields: they are ignored there.
    const viaApi = await createDraft(herald.services, { accountId: account.id, articles: [{ ...draft(closed.article.id), original: true }] });
    expect(viaApi.articles[0]).toMatchObject({ reprintOf: null, original: false });
  });

  it('replaces a whole draft for the console, keeping its media_id, and refuses with readable messages', async () => {
    const { account } = await makeAccount(herald.services);
    const { group } = await createDraft(herald.services, { accountId: account.id, articles: [{ title: 'One', content: 'x' }], forConsole: true, requireThumb: false });
    const rows = await replaceDraft(herald.services, {
      accountId: account.id, mediaId: group.id, forConsole: true, requireThumb: false,
      articles: [{ title: 'A', content: 'a', original: true, donations_enabled: true }, { title: 'B', content: 'b', ads_enabled: true }],
    });
    expect(rows.map((r) => [r.idx, r.title, r.original, r.donationsEnabled, r.adsEnabled])).toEqual([[0, 'A', true, true, false], [1, 'B', false, false, true]]);
    expect(await refusal(replaceDraft(herald.services, { accountId: account.id, mediaId: group.id, articles: [{ title: 'x'.repeat(40), content: 'a' }], requireThumb: false })))
      .toMatchObject({ errcode: 45003, message: 'The title is longer than 32 characters.' });
    expect(await refusal(updateDraft(herald.services, { accountId: account.id, mediaId: group.id, index: 5, article: { title: 'x', content: 'y' }, requireThumb: false })))
      .toMatchObject({ code: 'invalid_index', errcode: 40035 });
    const stranger = await makeAccount(herald.services);
    expect(await refusal(replaceDraft(herald.services, { accountId: stranger.account.id, mediaId: group.id, articles: [{ title: 'A', content: 'a' }], requireThumb: false })))
      .toMatchObject({ code: 'not_found', errcode: 40007 });
  });
});
