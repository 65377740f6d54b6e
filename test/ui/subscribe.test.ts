/**
 * Subscribe notifications in Chromium: the console's 订阅通知 page (choose a library template and
 * its keywords, see it with its sent count) in English and Chinese; the phone: a follower's
 * notification as the card in the account's chat (English), and a user who does not follow
 * finding it in 服务通知 (Chinese). axe-core finds no serious or critical problem. Screenshots go
 * to test-results/subscribe/.
 */
import { expect, it } from 'vitest';
import { describeEachDb, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { seen } from '../phoneBrowser.js';
import { fetchToken, wxCall } from '../wxClient.js';
import { followAccount } from '../../src/modules/followers/commands/followAccount.js';
import { findFollow } from '../../src/modules/followers/store/followers.js';
import { chromiumSuite, createPhoneFollower, phoneUserId } from './helpers.js';
import { axeProblems } from './axe.js';

describeEachDb('subscribe notifications in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'subscribe', page: { timeout: 15_000 } });

  it('console: choose a template and keywords; phone: the card in the chat, 服务通知 for a non-follower', { timeout: 240_000 }, async () => {
    const op = await makeOperator(ui.h.services, { orgName: 'Parking Org' });
    const park = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'City Parking', type: 'service', verified: true });

    // The console in English: choose 停车缴费成功通知 with three of its keywords.
    const page = await ui.signedInPage(op);
    await page.goto(`/console/accounts/${park.appid}/subscribe`);
    await page.getByRole('button', { name: 'Choose 停车缴费成功通知' }).click();
    await page.getByRole('checkbox', { name: /出场时间/ }).check();
    await page.getByLabel(/Scene description/).fill('停车缴费');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await seen(page.getByText('Template added'));
    await seen(page.getByText('My templates (1/25)'));
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '01-console-en', true);

    const token = await fetchToken(ui.h, park.appid, park.secret);
    const list = await wxCall(ui.h, 'GET', `/wxaapi/newtmpl/gettemplate?access_token=${token}`);
    const priTmplId = (list.data as Array<{ priTmplId: string; content: string }>)[0].priTmplId;
    expect((list.data as Array<{ content: string }>)[0].content).toBe('车牌号:{{car_number1.DATA}}\n缴费金额:{{amount2.DATA}}\n出场时间:{{time4.DATA}}\n');
    const data = { car_number1: { value: '沪A12345' }, amount2: { value: '¥15.00' }, time4: { value: '2023-05-18 11:40' } };
    const consent = async (userId: string) => {
      const r = await ui.h.app.inject({ method: 'POST', url: `/sim/v1/users/${userId}/subscriptions`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ account: park.appid, answers: [{ template_id: priTmplId, status: 'accept' }] }) });
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as { openid: string }).openid;
    };

    // A follower on the phone (English): the card in the account's chat.
    const { page: phone } = await ui.openPage({ viewport: { width: 1100, height: 900 } });
    await createPhoneFollower(phone, 'Driver', 'Shanghai');
    const userId = await phoneUserId(phone);
    await followAccount(ui.h.services, userId, park.appid, { scene: 'ADD_SCENE_SEARCH' });
    const openid = (await findFollow(ui.h.services.db, park.account.id, userId))!.openid;
    expect(await consent(userId)).toBe(openid);
    expect(await wxCall(ui.h, 'POST', `/cgi-bin/message/subscribe/bizsend?access_token=${token}`, { body: { touser: openid, template_id: priTmplId, page: 'https://example.com/receipt', data } })).toMatchObject({ errcode: 0 });
    await phone.goto(`/phone/chat/${park.appid}`);
    const card = phone.getByRole('group', { name: 'Subscribe message' });
    await seen(card.getByText('停车缴费成功通知'));
    await seen(card.getByText('车牌号'));
    await seen(card.getByText('沪A12345'));
    expect((await axeProblems(phone)).filter((p) => p.includes('ph-template'))).toEqual([]);
    await ui.shot(phone, '02-phone-chat-en');

    // A user who does not follow (Chinese phone): 服务通知 in the chat list.
    const created = await ui.h.app.inject({ method: 'POST', url: '/sim/v1/users', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ nickname: '路人' }) });
    const strangerId = (created.json() as { id: string }).id;
    const strangerOpenid = await consent(strangerId);
    expect(await wxCall(ui.h, 'POST', `/cgi-bin/message/subscribe/bizsend?access_token=${token}`, { body: { touser: strangerOpenid, template_id: priTmplId, data } })).toMatchObject({ errcode: 0 });
    const phoneToken = ((await ui.h.app.inject({ method: 'POST', url: `/sim/v1/users/${strangerId}/phone-token`, headers: { 'content-type': 'application/json' }, payload: '{}' })).json() as { token: string }).token;
    const { page: zh } = await ui.openPage({ locale: 'zh-CN', viewport: { width: 1100, height: 900 } });
    await zh.addInitScript((t) => window.sessionStorage.setItem('herald.phone.token', t), phoneToken);
    await zh.goto('/phone');
    await zh.getByTestId('service-notifications-row').click();
    const zhCard = zh.getByRole('group', { name: '订阅通知' });
    await seen(zhCard.getByText('停车缴费成功通知'));
    await seen(zhCard.getByText('¥15.00'));
    await seen(zh.getByText('City Parking'));
    expect(await axeProblems(zh)).toEqual([]);
    await ui.shot(zh, '03-phone-service-zh');

    // The console in Chinese shows the two sends.
    const { page: zhConsole } = await ui.openPage({ locale: 'zh-CN' });
    await zhConsole.goto('/console');
    await zhConsole.getByLabel('邮箱').fill(op.email);
    await zhConsole.getByLabel('密码').fill(op.password);
    await zhConsole.getByRole('button', { name: '登录' }).click();
    await zhConsole.getByRole('heading', { name: '公众号' }).waitFor();
    await zhConsole.goto(`/console/accounts/${park.appid}/subscribe`);
    await seen(zhConsole.getByText('我的模板（1/25）'));
    await seen(zhConsole.getByRole('cell', { name: '2', exact: true }));
    expect(await axeProblems(zhConsole)).toEqual([]);
    await ui.shot(zhConsole, '04-console-zh', true);
  });
});
