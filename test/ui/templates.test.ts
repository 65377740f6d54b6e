/**
 * Template messages in Chromium: the console's 模板消息 page (choose industries, add a template
 * from the library, see the message sent with its status) in English and Chinese, and the phone:
 * the template card in the chat (title, the template's field names, 详情 opening the URL in the
 * in-phone browser) and the profile's 接收消息 switch, after which the next send is declined.
 * axe-core finds no serious or critical problem. Screenshots go to test-results/templates/.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { startDevServer } from '../devServer.js';
import { seen } from '../phoneBrowser.js';
import { fetchToken, wxCall } from '../wxClient.js';
import { followAccount } from '../../src/modules/followers/commands/followAccount.js';
import { findFollow } from '../../src/modules/followers/store/followers.js';
import { chromiumSuite, createPhoneFollower, phoneUserId } from './helpers.js';
import { axeProblems } from './axe.js';

describeInBrowser('template messages in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'templates', page: { timeout: 15_000 } });

  it('console: industries, the library, sent messages; phone: the card, 详情, 接收消息 off', { timeout: 240_000 }, async () => {
    const site = await startDevServer({ answer: () => ({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Order</title><h1>Order SO1 shipped</h1>' }) });
    ui.onClose(() => site.close());
    const op = await makeOperator(ui.h.services, { orgName: 'Shop Org' });
    const shop = await makeAccount(ui.h.services, { orgId: op.orgId, name: 'Metro Shop', type: 'service', verified: true });

    // The console in English: industries, then a template from the library.
    const page = await ui.signedInPage(op);
    await page.goto(`/console/accounts/${shop.appid}/templates`);
    await page.getByLabel('Primary industry').selectOption({ label: 'IT科技 / 互联网|电子商务' });
    await page.getByLabel('Secondary industry').selectOption({ label: '运输与仓储 / 快递' });
    await page.getByRole('button', { name: 'Save' }).click();
    await seen(page.getByText('Industries saved'));
    await page.getByRole('button', { name: 'Add template 订单发货通知' }).focus();
    await page.keyboard.press('Enter');
    await seen(page.getByRole('cell', { name: '订单发货通知' }).first());
    await seen(page.getByText('My templates (1/25)'));
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '01-console-en', true);

    // A follower on the phone; the developer sends the template.
    const { page: phone } = await ui.openPage({ viewport: { width: 1100, height: 900 } });
    await createPhoneFollower(phone, 'Buyer', 'Shanghai');
    const userId = await phoneUserId(phone);
    await followAccount(ui.h.services, userId, shop.appid, { scene: 'ADD_SCENE_SEARCH' });
    const openid = (await findFollow(ui.h.services.db, shop.account.id, userId))!.openid;
    const token = await fetchToken(ui.h, shop.appid, shop.secret);
    const list = await wxCall(ui.h, 'GET', `/cgi-bin/template/get_all_private_template?access_token=${token}`);
    const templateId = (list.template_list as Array<{ template_id: string }>)[0].template_id;
    const send = () =>
      wxCall(ui.h, 'POST', `/cgi-bin/message/template/send?access_token=${token}`, {
        body: {
          touser: openid,
          template_id: templateId,
          url: `${site.url.replace(/\/wechat$/, '')}/order/SO1`,
          data: { thing1: { value: '夏季纯棉T恤' }, character_string2: { value: 'SO1' }, thing3: { value: '顺丰速运' }, character_string4: { value: 'SF1234567890' }, time5: { value: '2023-05-18 16:00', color: '#173177' } },
        },
      });
    expect(await send()).toMatchObject({ errcode: 0, errmsg: 'ok' });

    await phone.goto(`/phone/chat/${shop.appid}`);
    const card = phone.getByRole('group', { name: 'Template message' });
    await seen(card.getByText('订单发货通知'));
    await seen(card.getByText('快递单号'));
    await seen(card.getByText('SF1234567890'));
    // The card itself: the chat's time stamps and letter avatars are another part's colours.
    expect((await axeProblems(phone)).filter((p) => p.includes('ph-template'))).toEqual([]);
    await ui.shot(phone, '02-phone-card');
    await card.getByRole('button', { name: 'View details' }).click();
    await seen(phone.frameLocator('.ph-browser-frame').getByRole('heading', { name: 'Order SO1 shipped' }));
    await phone.getByRole('button', { name: 'Close page' }).click();

    // 接收消息 off in the account's profile: the next send is declined.
    await phone.goto(`/phone/accounts/${shop.appid}`);
    const toggle = phone.getByRole('switch', { name: /Receive messages/ });
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await toggle.focus();
    await phone.keyboard.press('Space');
    await expect.poll(() => toggle.isChecked()).toBe(false);
    expect((await axeProblems(phone)).filter((p) => p.includes('ph-switch') || p.includes('ph-profile-setting'))).toEqual([]);
    await ui.shot(phone, '03-phone-switch');
    expect(await send()).toMatchObject({ errcode: 0, errmsg: 'ok' });

    // The console in Chinese lists both sends with their status.
    const { page: zh } = await ui.openPage({ locale: 'zh-CN' });
    await zh.goto('/console');
    await zh.getByLabel('邮箱').fill(op.email);
    await zh.getByLabel('密码').fill(op.password);
    await zh.getByRole('button', { name: '登录' }).click();
    await zh.getByRole('heading', { name: '公众号' }).waitFor();
    await zh.goto(`/console/accounts/${shop.appid}/templates`);
    await seen(zh.getByText('我的模板（1/25）'));
    await seen(zh.getByText('用户拒收'));
    await seen(zh.getByText('送达成功'));
    await seen(zh.getByText('本月已修改过', { exact: false }));
    expect(await axeProblems(zh)).toEqual([]);
    await ui.shot(zh, '04-console-zh', true);
  });
});
