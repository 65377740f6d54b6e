import { afterAll, beforeAll, expect, it } from 'vitest';
import { linkMiniProgram } from '../../../../test/factories/miniprograms.js';
import { eq } from 'drizzle-orm';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { phoneUser, setWechatId } from '../../../../test/phoneFixtures.js';
import { accounts } from '../../accounts/schema.js';
import { publishMenu } from '../../menus/commands/menuPublisher.js';
import { addConditionalMenu } from '../../menus/commands/conditionalMenuAdder.js';
import { createTag } from '../commands/tagCreator.js';
import { updateTagMembers } from '../commands/tagMembersUpdater.js';
import { findFollow } from '../store/followers.js';
import { listDeliveries } from '../../callbacks/store/deliveries.js';

describeEachDb('phone API: finding and following accounts', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('finds active accounts by name or WeChat ID, never suspended ones', async () => {
    const tag = `Zq${Date.now().toString(36)}`;
    const bank = await makeAccount(h.services, { type: 'service', name: `${tag} Bank` });
    const news = await makeAccount(h.services, { type: 'subscription', name: `Daily ${tag} News`, verified: false });
    const gone = await makeAccount(h.services, { type: 'service', name: `${tag} Closed` });
    await setWechatId(h.services, bank.account.id, `${tag.toLowerCase()}bank`);
    await h.services.db.update(accounts).set({ status: 'suspended' }).where(eq(accounts.id, gone.account.id));
    const { client } = await phoneUser(h.app);

    const byName = await client.get(`/search?q=${encodeURIComponent(tag.toLowerCase())}`);
    expect(byName.status).toBe(200);
    expect(byName.json.accounts.map((a: { appid: string }) => a.appid).sort()).toEqual([bank.appid, news.appid].sort());
    const card = byName.json.accounts.find((a: { appid: string }) => a.appid === bank.appid);
    expect(card).toEqual({
      appid: bank.appid,
      name: `${tag} Bank`,
      wechat_id: `${tag.toLowerCase()}bank`,
      type: 'service',
      verified: true,
      description: '',
      avatar_url: null,
      followed: false,
    });

    const byId = await client.get(`/search?q=${tag.toUpperCase()}BANK`);
    expect(byId.json.accounts.map((a: { appid: string }) => a.appid)).toEqual([bank.appid]);
    expect((await client.get(`/search?q=${bank.appid}`)).json.accounts.map((a: { appid: string }) => a.appid)).toEqual([bank.appid]);
    // LIKE wildcards are matched literally, not as "anything".
    expect((await client.get('/search?q=%25')).json.accounts).toEqual([]);
    expect((await client.get('/search?q=_')).json.accounts).toEqual([]);
    expect((await client.get('/search?q=')).json.accounts).toEqual([]);
    expect((await client.get('/search?q=%20%20')).json.accounts).toEqual([]);
    expect((await client.get(`/search?q=${'x'.repeat(65)}`)).status).toBe(400);
    expect((await client.get('/search')).status).toBe(400);
  });

  it('shows a profile, follows (pushing subscribe) and unfollows', async () => {
    const { account, appid } = await makeAccount(h.services, { type: 'service', name: 'Profile Bank' });
    const { client, user } = await phoneUser(h.app);
    const before = await client.get(`/accounts/${appid}`);
    expect(before.status).toBe(200);
    expect(before.json.account).toMatchObject({ appid, name: 'Profile Bank', type: 'service', verified: true, followed: false, status: 'active', menu: null, receives_location: true });

    const followed = await client.post(`/accounts/${appid}/follow`);
    expect(followed.status).toBe(200);
    expect(followed.json.account.followed).toBe(true);
    const follow = await findFollow(h.services.db, account.id, user.id);
    expect(follow).toMatchObject({ subscribed: true, subscribeScene: 'ADD_SCENE_SEARCH' });
    // Following twice changes nothing and pushes no second event.
    await client.post(`/accounts/${appid}/follow`);
    const labels = (await listDeliveries(h.services.db, account.id, { limit: 10 })).map((d) => d.label);
    expect(labels.filter((l) => l === 'event:subscribe')).toHaveLength(1);

    const gone = await client.post(`/accounts/${appid}/unfollow`);
    expect(gone.json.account.followed).toBe(false);
    expect((await client.post(`/accounts/${appid}/unfollow`)).json.account.followed).toBe(false);
    expect((await findFollow(h.services.db, account.id, user.id))?.openid).toBe(follow?.openid);
  });

  it('refuses unknown accounts and following suspended ones', async () => {
    const { client } = await phoneUser(h.app);
    expect((await client.get('/accounts/wx0000000000000000')).status).toBe(404);
    expect((await client.get(`/accounts/${'a'.repeat(300)}`)).status).toBe(404);
    expect((await client.get('/accounts/%00%27')).status).toBe(404);
    expect((await client.post('/accounts/wx0000000000000000/follow')).status).toBe(404);
    const closed = await makeAccount(h.services, { type: 'service' });
    await h.services.db.update(accounts).set({ status: 'banned' }).where(eq(accounts.id, closed.account.id));
    const r = await client.post(`/accounts/${closed.appid}/follow`);
    expect([r.status, r.json.error.code]).toEqual([400, 'account_unavailable']);
  });

  it('shows a follower the menu that matches them', async () => {
    const { account, appid } = await makeAccount(h.services, { type: 'service' });
    await linkMiniProgram(h.services.db, account.id, { appid: 'wx1234567890abcdef' });
    await publishMenu(h.services, account.id, [
      { type: 'click', name: 'Today', key: 'TODAY' },
      { name: 'More', sub_button: [{ type: 'view', name: 'Site', url: 'https://example.com/' }, { type: 'miniprogram', name: 'App', url: 'https://example.com/mp', appid: 'wx1234567890abcdef', pagepath: 'pages/index' }] },
    ]);
    const a = await phoneUser(h.app, 'Tagged');
    const b = await phoneUser(h.app, 'Untagged');
    await a.client.post(`/accounts/${appid}/follow`);
    await b.client.post(`/accounts/${appid}/follow`);
    const tag = await createTag(h.services, account.id, 'VIP');
    const openid = (await findFollow(h.services.db, account.id, a.user.id))!.openid;
    await updateTagMembers(h.services, account.id, 'tag', [openid], tag.id);
    await addConditionalMenu(h.services, account.id, { button: [{ type: 'click', name: 'VIP desk', key: 'VIP' }], matchrule: { tag_id: String(tag.id) } });

    const forA = (await a.client.get(`/accounts/${appid}`)).json.account.menu;
    expect(forA).toEqual([{ name: 'VIP desk', type: 'click', key: 'VIP', sub_button: [] }]);
    const forB = (await b.client.get(`/accounts/${appid}`)).json.account.menu;
    expect(forB).toEqual([
      { name: 'Today', type: 'click', key: 'TODAY', sub_button: [] },
      {
        name: 'More',
        sub_button: [
          { name: 'Site', type: 'view', url: 'https://example.com/', sub_button: [] },
          { name: 'App', type: 'miniprogram', url: 'https://example.com/mp', appid: 'wx1234567890abcdef', pagepath: 'pages/index', sub_button: [] },
        ],
      },
    ]);
  });
});
