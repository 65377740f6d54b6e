/**
 * Mini programs in Chromium: the mini program's admin accepts an account's link request in the
 * phone (公众平台安全助手), the account's followers get the notice in the chat and open the mini
 * program from it, and the stand-in page opens from the four places a follower meets a linked
 * mini program: the profile (scene 1020), a menu button (1035), an article card (1058) and a
 * template message (1043). axe-core finds no serious or critical problem in the invitation.
 * Screenshots go to test-results/miniprograms/.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, makeAccount } from '../harness.js';
import { hasText, none, seen } from '../phoneBrowser.js';
import { fetchToken, wxCall } from '../wxClient.js';
import { followAccount } from '../../src/modules/followers/commands/followAccount.js';
import { findFollow } from '../../src/modules/followers/store/followers.js';
import { requestLink } from '../../src/modules/miniprograms/commands/linkRequester.js';
import { makePublishedArticle } from '../factories/articles.js';
import { chromiumSuite, createPhoneFollower, phoneUserId } from './helpers.js';
import { axeProblems } from './axe.js';

const MP = 'wx0123456789abcdef';

describeInBrowser('mini programs in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'miniprograms', page: { timeout: 15_000 } });

  it('the admin accepts a link in the phone; profile, menu, article card and template message open the mini program', { timeout: 240_000 }, async () => {
    const shop = await makeAccount(ui.h.services, { name: 'Lotus Tea House', type: 'service', verified: true });
    const { page: phone } = await ui.openPage({ viewport: { width: 1100, height: 900 } });
    await createPhoneFollower(phone, 'Mei', 'Hangzhou');
    const userId = await phoneUserId(phone);
    await followAccount(ui.h.services, userId, shop.appid, { scene: 'ADD_SCENE_SEARCH' });
    const openid = (await findFollow(ui.h.services.db, shop.account.id, userId))!.openid;

    // The follower is also the admin of the account's mini program; the account asks to link it.
    const created = await ui.h.app.inject({
      method: 'POST',
      url: '/sim/v1/miniprograms',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ owner_appid: shop.appid, appid: MP, name: 'Lotus Tea Shop', admin_user_id: userId, pages: ['pages/index/index', 'pages/menu/index'] }),
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(await requestLink(ui.h.services, shop.account, { appid: MP, show_profile: 1, notify_users: 1 }, 'console')).toEqual({ status: 2 });

    // 公众平台安全助手 in the Chats list; the admin accepts with the keyboard.
    await phone.goto('/phone');
    const row = phone.getByTestId('security-assistant-row');
    await hasText(row, 'Lotus Tea House');
    await row.click();
    const invitation = phone.getByRole('group', { name: 'Mini program link request' });
    await seen(invitation.getByText('The official account “Lotus Tea House” asks to link your mini program “Lotus Tea Shop”.'));
    await seen(invitation.getByText('The mini program will show on the account’s profile.'));
    expect((await axeProblems(phone)).filter((p) => p.includes('ph-invite') || p.includes('ph-feed'))).toEqual([]);
    await ui.shot(phone, '01-invitation');
    await invitation.getByRole('button', { name: 'Accept' }).focus();
    await phone.keyboard.press('Enter');
    await seen(phone.getByText('“Lotus Tea Shop” is linked to “Lotus Tea House”.'));
    await seen(phone.getByText('No link requests are waiting.'));
    const token = await fetchToken(ui.h, shop.appid, shop.secret);
    const linked = await wxCall(ui.h, 'POST', `/cgi-bin/wxopen/wxamplinkget?access_token=${token}`, { body: {} });
    expect((linked.wxopens as { items: Array<{ appid: string; status: number }> }).items).toEqual([expect.objectContaining({ appid: MP, status: 1 })]);

    // notify_users: the notice in the chat opens the mini program.
    await phone.goto(`/phone/chat/${shop.appid}`);
    await seen(phone.getByText('该公众号已关联小程序「Lotus Tea Shop」'));
    await ui.shot(phone, '02-chat-notice');
    await phone.getByRole('button', { name: 'Open the mini program' }).click();
    await hasText(phone.getByTestId('mp-appid'), MP, true);
    await hasText(phone.getByTestId('mp-path'), 'pages/index/index', true);

    // The profile lists it (相关小程序): scene 1020.
    await phone.goto(`/phone/accounts/${shop.appid}`);
    const mps = phone.getByRole('region', { name: 'Linked mini programs' });
    await seen(mps);
    await ui.shot(phone, '03-profile');
    await mps.getByRole('button', { name: 'Lotus Tea Shop' }).click();
    await hasText(phone.getByTestId('mp-scene'), '1020 account profile', true);
    await hasText(phone.getByTestId('mp-name'), 'Lotus Tea Shop', true);

    // A menu button: scene 1035.
    const menu = await wxCall(ui.h, 'POST', `/cgi-bin/menu/create?access_token=${token}`, {
      body: { button: [{ type: 'miniprogram', name: 'Tea menu', url: 'https://example.com/menu', appid: MP, pagepath: 'pages/menu/index' }] },
    });
    expect(menu).toMatchObject({ errcode: 0 });
    await phone.goto(`/phone/chat/${shop.appid}`);
    await phone.getByRole('menuitem', { name: 'Tea menu' }).click();
    await hasText(phone.getByTestId('mp-scene'), '1035 account menu', true);
    await hasText(phone.getByTestId('mp-path'), 'pages/menu/index', true);

    // An article card (the profile's 历史消息): scene 1058.
    await makePublishedArticle(ui.h.services.db, {
      accountId: shop.account.id,
      title: 'Spring tea has arrived',
      content:
        '<p>First flush from Hangzhou.</p>'
        + `<p><mp-miniprogram data-miniprogram-appid="${MP}" data-miniprogram-path="pages/menu/index" data-miniprogram-title="Order spring tea"></mp-miniprogram></p>`,
    });
    await phone.goto(`/phone/accounts/${shop.appid}`);
    await phone.getByRole('button', { name: /Spring tea has arrived/ }).click();
    await phone.frameLocator('.ph-article-frame').getByRole('link', { name: /Order spring tea/ }).click();
    await hasText(phone.getByTestId('mp-scene'), '1058 article', true);
    await ui.shot(phone, '04-from-article');
    await phone.getByRole('button', { name: 'Close mini program' }).click();
    await seen(phone.getByRole('dialog', { name: 'Article' }));
    await phone.getByRole('dialog', { name: 'Article' }).getByRole('button', { name: 'Back' }).click();
    await none(phone.getByRole('dialog', { name: 'Article' }));

    // A template message: 详情 opens the mini program (it wins over the url), scene 1043.
    expect(await wxCall(ui.h, 'POST', `/cgi-bin/template/api_set_industry?access_token=${token}`, { body: { industry_id1: '1', industry_id2: '13' } })).toMatchObject({ errcode: 0 });
    const added = await wxCall(ui.h, 'POST', `/cgi-bin/template/api_add_template?access_token=${token}`, { body: { template_id_short: 'TM00015' } });
    const sent = await wxCall(ui.h, 'POST', `/cgi-bin/message/template/send?access_token=${token}`, {
      body: { touser: openid, template_id: added.template_id, url: 'https://example.com/order', miniprogram: { appid: MP, pagepath: 'pages/menu/index?from=tm' }, data: {} },
    });
    expect(sent, JSON.stringify(sent)).toMatchObject({ errcode: 0 });
    await phone.goto(`/phone/chat/${shop.appid}`);
    const card = phone.getByRole('group', { name: 'Template message' });
    await seen(card);
    await card.getByRole('button', { name: 'View details' }).click();
    await hasText(phone.getByTestId('mp-scene'), '1043 template message', true);
    await hasText(phone.getByTestId('mp-query'), 'from=tm', true);
    await ui.shot(phone, '05-from-template');
  });
});
