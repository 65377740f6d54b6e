import { afterAll, beforeAll, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import { describeEachDb, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { makeFollower, makeKf, makeKfAccountOwner, newWechatId } from '../../../../test/factories/kf.js';
import { addKfAccount } from './kfAccountCreator.js';
import { editKfAccount } from './kfAccountEditor.js';
import { removeKfAccount } from './kfAccountRemover.js';
import { setKfAvatar } from './kfAvatarSetter.js';
import { inviteKfWorker } from './kfWorkerInviter.js';
import { answerKfInvite } from './kfInviteResponder.js';
import { setKfOnline } from './kfPresence.js';
import { enqueueWaitingSession } from './kfSessionQueuer.js';
import { acceptSession } from './kfSessionAcceptor.js';
import { findKfAccount, findKfAvatar, listKfAccounts } from '../store/kfAccounts.js';
import { findOpenSession } from '../store/kfSessions.js';
import { listDeliveries } from '../../callbacks/store/deliveries.js';
import { INVITE_TTL_MS, MAX_KF_ACCOUNTS, inviteStatusAt } from '../rules/kf.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return 'no error';
}

describeEachDb('kf account commands', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald?.close();
  });

  it('adds kf accounts numbered from 1001, offline, in canonical form', async () => {
    const s = herald.services;
    const { account, wechatId } = await makeKfAccountOwner(s);
    const a = await addKfAccount(s, account.id, { kfAccount: `anna@${wechatId.toUpperCase()}`, nickname: '安娜' });
    const b = await addKfAccount(s, account.id, { kfAccount: `bob_2@${wechatId}`, nickname: 'Bob' });
    expect(a).toMatchObject({ kfAccount: `anna@${wechatId}`, kfId: 1001, nickname: '安娜', online: false, headimgVersion: '' });
    expect(b.kfId).toBe(1002);
    expect((await listKfAccounts(s.db, account.id)).map((k) => k.kfAccount)).toEqual([`anna@${wechatId}`, `bob_2@${wechatId}`]);
  });

  it('refuses adds in WeChat order: no WeChat id, bad kf_account, bad nickname, duplicate', async () => {
    const s = herald.services;
    const bare = await makeKfAccountOwner(s, { wechatId: null });
    expect(await codeOf(addKfAccount(s, bare.account.id, { kfAccount: 'anna@x', nickname: 'A' }))).toBe('kf_account_no_wechat_id');
    const { account, wechatId } = await makeKfAccountOwner(s);
    expect(await codeOf(addKfAccount(s, account.id, { kfAccount: 'anna@someoneelse', nickname: 'A' }))).toBe('kf_account_invalid');
    expect(await codeOf(addKfAccount(s, account.id, { kfAccount: `elevenchars@${wechatId}`, nickname: 'A' }))).toBe('kf_account_invalid');
    expect(await codeOf(addKfAccount(s, account.id, { kfAccount: 7, nickname: 'A' }))).toBe('kf_account_invalid');
    expect(await codeOf(addKfAccount(s, account.id, { kfAccount: `anna@${wechatId}`, nickname: 'x'.repeat(17) }))).toBe('kf_nickname_invalid');
    expect(await codeOf(addKfAccount(s, account.id, { kfAccount: `anna@${wechatId}`, nickname: '' }))).toBe('kf_nickname_invalid');
    await addKfAccount(s, account.id, { kfAccount: `anna@${wechatId}`, nickname: 'A' });
    expect(await codeOf(addKfAccount(s, account.id, { kfAccount: `ANNA@${wechatId}`, nickname: 'A' }))).toBe('kf_exists');
    expect(await codeOf(addKfAccount(s, 'b3f5f6f0-0000-4000-8000-000000000000', { kfAccount: 'a@b', nickname: 'A' }))).toBe('not_found');
  });

  it('stops at 100 kf accounts, also when adds race', async () => {
    const s = herald.services;
    const { account, wechatId } = await makeKfAccountOwner(s);
    for (let i = 0; i < MAX_KF_ACCOUNTS - 3; i++) await addKfAccount(s, account.id, { kfAccount: `k${i}@${wechatId}`, nickname: `K${i}` });
    const racing = await Promise.all(
      Array.from({ length: 6 }, (_, i) => codeOf(addKfAccount(s, account.id, { kfAccount: `race${i}@${wechatId}`, nickname: 'R' }))),
    );
    expect(racing.filter((c) => c === 'no error')).toHaveLength(3);
    expect(racing.filter((c) => c === 'kf_limit')).toHaveLength(3);
    const all = await listKfAccounts(s.db, account.id);
    expect(all).toHaveLength(MAX_KF_ACCOUNTS);
    expect(new Set(all.map((k) => k.kfId)).size).toBe(MAX_KF_ACCOUNTS);
  });

  it('edits the nickname of an existing kf account only', async () => {
    const s = herald.services;
    const { account, wechatId } = await makeKfAccountOwner(s);
    await makeKf(s, account.id, wechatId, 'anna', { online: false });
    expect((await editKfAccount(s, account.id, { kfAccount: `Anna@${wechatId}`, nickname: 'Anna 2' })).nickname).toBe('Anna 2');
    expect(await codeOf(editKfAccount(s, account.id, { kfAccount: `nobody@${wechatId}`, nickname: 'N' }))).toBe('kf_not_found');
    expect(await codeOf(editKfAccount(s, account.id, { kfAccount: `anna@${wechatId}`, nickname: ' ' }))).toBe('kf_nickname_invalid');
    expect(await codeOf(editKfAccount(s, account.id, { kfAccount: 'anna@elsewhere', nickname: 'N' }))).toBe('kf_account_invalid');
  });

  it('stores a JPEG or PNG avatar by its bytes and refuses other files', async () => {
    const s = herald.services;
    const { account, wechatId } = await makeKfAccountOwner(s);
    const kf = await makeKf(s, account.id, wechatId, 'anna');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest')]);
    const row = await setKfAvatar(s, account.id, kf, png);
    expect(row.headimgVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(await findKfAvatar(s.db, account.id, row.kfId)).toBe(`data:image/png;base64,${png.toString('base64')}`);
    expect(await codeOf(setKfAvatar(s, account.id, kf, Buffer.from('GIF89a')))).toBe('kf_avatar_type');
    expect(await codeOf(setKfAvatar(s, account.id, kf, Buffer.alloc(0)))).toBe('kf_avatar_empty');
    expect(await codeOf(setKfAvatar(s, account.id, kf, Buffer.alloc(2 * 1024 * 1024 + 1, 0xff)))).toBe('kf_avatar_too_large');
    expect(await codeOf(setKfAvatar(s, account.id, `nobody@${wechatId}`, png))).toBe('kf_not_found');
  });

  it('invites a worker for 7 days of platform time, then lets the invitation expire and be renewed', async () => {
    const s = herald.services;
    const { account, wechatId } = await makeKfAccountOwner(s);
    const kf = await makeKf(s, account.id, wechatId, 'anna');
    const worker = newWechatId();
    const invited = await inviteKfWorker(s, account.id, kf, worker);
    expect(invited.inviteStatus).toBe('waiting');
    expect(invited.inviteExpiresAt?.getTime()).toBeGreaterThanOrEqual(s.clock.nowMs() + INVITE_TTL_MS - 5000);
    expect(await codeOf(inviteKfWorker(s, account.id, kf, newWechatId()))).toBe('kf_invite_pending');
    s.clock.advance(INVITE_TTL_MS + 1000);
    const row = await findKfAccount(s.db, account.id, kf);
    expect(inviteStatusAt(row!, s.clock.nowMs())).toBe('expired');
    expect(await codeOf(answerKfInvite(s, account.id, kf, true))).toBe('kf_no_invite');
    expect((await inviteKfWorker(s, account.id, kf, worker)).inviteStatus).toBe('waiting');
  });

  it('refuses invitations that clash with workers and other invitations', async () => {
    const s = herald.services;
    const { account, wechatId } = await makeKfAccountOwner(s);
    const a = await makeKf(s, account.id, wechatId, 'a');
    const b = await makeKf(s, account.id, wechatId, 'b');
    const c = await makeKf(s, account.id, wechatId, 'c');
    const worker = newWechatId();
    expect(await codeOf(inviteKfWorker(s, account.id, a, 'bad id'))).toBe('kf_invite_wx_invalid');
    expect(await codeOf(inviteKfWorker(s, account.id, `nobody@${wechatId}`, worker))).toBe('kf_not_found');
    await inviteKfWorker(s, account.id, a, worker);
    expect(await codeOf(inviteKfWorker(s, account.id, b, worker.toUpperCase()))).toBe('kf_invite_duplicate');
    expect((await answerKfInvite(s, account.id, a, true)).inviteStatus).toBe('accepted');
    expect(await codeOf(inviteKfWorker(s, account.id, a, newWechatId()))).toBe('kf_already_bound');
    expect(await codeOf(inviteKfWorker(s, account.id, b, worker))).toBe('kf_worker_exists');
    const rejected = newWechatId();
    await inviteKfWorker(s, account.id, c, rejected);
    expect((await answerKfInvite(s, account.id, c, false)).inviteStatus).toBe('rejected');
    expect((await inviteKfWorker(s, account.id, c, newWechatId())).inviteStatus).toBe('waiting');
  });

  it('binds one WeChat user to at most 5 kf accounts across official accounts', async () => {
    const s = herald.services;
    const worker = newWechatId();
    for (let i = 0; i < 5; i++) {
      const { account, wechatId } = await makeKfAccountOwner(s);
      const kf = await makeKf(s, account.id, wechatId, 'w');
      await inviteKfWorker(s, account.id, kf, worker);
      await answerKfInvite(s, account.id, kf, true);
    }
    const { account, wechatId } = await makeKfAccountOwner(s);
    const kf = await makeKf(s, account.id, wechatId, 'w');
    expect(await codeOf(inviteKfWorker(s, account.id, kf, worker))).toBe('kf_worker_limit');
  });

  it('sets presence and refuses unknown kf accounts', async () => {
    const s = herald.services;
    const { account, wechatId } = await makeKfAccountOwner(s);
    const kf = await makeKf(s, account.id, wechatId, 'anna', { online: false });
    expect((await setKfOnline(s, account.id, kf, true)).online).toBe(true);
    expect((await setKfOnline(s, account.id, kf.toUpperCase(), false)).online).toBe(false);
    expect(await codeOf(setKfOnline(s, account.id, `nobody@${wechatId}`, true))).toBe('kf_not_found');
  });

  it('removing a kf account closes its sessions with kf_close_session and frees followers waiting for it', async () => {
    const s = herald.services;
    const { account, wechatId } = await makeKfAccountOwner(s);
    const anna = await makeKf(s, account.id, wechatId, 'anna');
    const bob = await makeKf(s, account.id, wechatId, 'bob', { online: false });
    const served = await makeFollower(s, account.id);
    const waitingForBob = await makeFollower(s, account.id);
    await enqueueWaitingSession(s, account.id, served);
    await acceptSession(s, account.id, served, anna);
    await enqueueWaitingSession(s, account.id, waitingForBob, { preferredKf: bob });
    expect((await findOpenSession(s.db, account.id, waitingForBob))?.kfAccount).toBe(bob);

    expect(await removeKfAccount(s, account.id, anna)).toEqual({ closedSessions: 1 });
    expect(await findOpenSession(s.db, account.id, served)).toBeUndefined();
    const labels = (await listDeliveries(s.db, account.id, { limit: 10 })).map((d) => d.label);
    expect(labels[0]).toBe('event:kf_close_session');
    await removeKfAccount(s, account.id, bob);
    expect(await findOpenSession(s.db, account.id, waitingForBob)).toMatchObject({ status: 'waiting', kfAccount: null });
    expect(await codeOf(removeKfAccount(s, account.id, bob))).toBe('kf_not_found');
  });
});
