/**
 * Web pages (H5) in Chromium: an operator sets the web authorization domain on 功能设置 (Chinese and
 * English), a follower with the phone's cookie opens an authorize URL in a normal tab, allows on
 * WeChat's consent sheet and lands on the page with a code; the grant shows on 网页授权记录. axe-core
 * finds no serious or critical problem. Screenshots go to test-results/webauth/.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { createFollowerUser } from '../../src/modules/followers/index.js';
import { issuePhoneToken } from '../../src/surfaces/phone/token.js';
import { chromiumSuite } from './helpers.js';
import { axeProblems } from './axe.js';

describeInBrowser('web domains, the consent sheet and the grant list in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'webauth', fullPage: true, page: { timeout: 15_000 } });

  it('sets the domain, authorizes through the consent sheet, lists the grant', async () => {
    const op = await makeOperator(ui.h.services, { orgName: '网页组' });
    const { appid } = await makeAccount(ui.h.services, { orgId: op.orgId, name: '网页服务号', type: 'service', verified: true });
    const host = new URL(ui.h.url).host;

    const { page } = await ui.openPage({ locale: 'zh-CN' });
    await page.goto('/console');
    await page.getByLabel('邮箱').fill(op.email);
    await page.getByLabel('密码').fill(op.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '公众号' }).waitFor();
    await page.goto(`/console/accounts/${appid}/web-domains`);
    await page.getByText('网页授权域名').first().waitFor();
    await page.locator('textarea[name="domains-oauth"]').fill(host);
    await page.getByLabel('跳过校验文件检查（仅模拟器）').first().check();
    await page.getByRole('button', { name: '保存' }).first().click();
    await page.getByText('域名已保存').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-01-domains');

    // A follower with the phone's cookie, in a normal tab.
    const user = await createFollowerUser(ui.h.services, { nickname: '阿梅', language: 'zh_CN' });
    const tab = await ui.newContext({ locale: 'zh-CN' });
    await tab.addCookies([{ name: 'herald_follower', value: await issuePhoneToken(ui.h.services, user.id), url: `${ui.h.url}/connect/oauth2/` }]);
    const browser = await tab.newPage();
    const redirect = `${ui.h.url}/console/login?from=oauth`;
    await browser.goto(`/connect/oauth2/authorize?appid=${appid}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=snsapi_userinfo&state=web1#wechat_redirect`);
    await browser.getByText('获得你的公开信息（昵称、头像等）').waitFor();
    expect(await axeProblems(browser)).toEqual([]);
    await ui.shot(browser, 'zh-02-consent');
    await browser.getByRole('button', { name: '允许' }).click();
    await browser.waitForURL(/\/console\/login\?from=oauth&code=[\w-]{32}&state=web1$/);

    await page.goto(`/console/accounts/${appid}/web-grants`);
    await page.getByRole('cell', { name: '阿梅' }).waitFor();
    expect(await page.getByRole('cell', { name: '已允许' }).count()).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, 'zh-03-grants');

    const en = await ui.signedInPage(op);
    await en.goto(`/console/accounts/${appid}/web-domains`);
    await en.getByText('Web authorization domain').first().waitFor();
    expect(await en.locator('textarea[name="domains-oauth"]').inputValue()).toBe(host);
    await ui.shot(en, 'en-01-domains');
  });
});
