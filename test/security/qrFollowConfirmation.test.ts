/**
 * Issue 10, finding 11: opening `/phone?scan=<QR url>` from a link (any web page, the in-phone
 * browser) no longer follows at once. The phone shows the account's profile with a Follow
 * button; only tapping it follows, with the code's scene. The phone's own scanner (POST /scan
 * without `preview`) still follows directly, as WeChat does. Chromium against a listening Herald.
 */
import { expect, it } from 'vitest';
import { describeEachDb, makeAccount } from '../harness.js';
import { fetchToken } from '../wxClient.js';
import { seen } from '../phoneBrowser.js';
import { findFollow } from '../../src/modules/followers/store/followers.js';
import { chromiumSuite, createPhoneFollower, phoneToken, phoneUserId } from '../ui/helpers.js';

describeEachDb('security: QR link follow confirmation (issue 10, finding 11)', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'security-qr', page: { viewport: { width: 1100, height: 900 }, timeout: 15_000 } });

  const qrUrl = async (appid: string, secret: string, scene: string) => {
    const token = await fetchToken(ui.h, appid, secret);
    const res = await fetch(`${ui.h.url}/cgi-bin/qrcode/create?access_token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ expire_seconds: 3600, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: scene } } }),
    });
    return ((await res.json()) as { url: string }).url;
  };

  it('a link asks before following; Cancel follows nothing, Follow follows with the scene', { timeout: 90_000 }, async () => {
    const shop = await makeAccount(ui.h.services, { type: 'service', verified: true, name: 'Corner Shop' });
    const url = await qrUrl(shop.appid, shop.secret, 'door-7');
    const { page } = await ui.openPage();
    await createPhoneFollower(page, 'Zhao', 'Suzhou');
    const userId = await phoneUserId(page);
    const followed = async () => Boolean((await findFollow(ui.h.services.db, shop.account.id, userId))?.subscribed);

    await page.goto(`/phone?scan=${encodeURIComponent(url)}`);
    const dialog = page.getByRole('dialog', { name: 'Follow this official account?' });
    await seen(dialog.getByRole('heading', { name: 'Corner Shop' }));
    expect(await followed()).toBe(false);
    await ui.shot(page, 'confirm');
    await dialog.getByRole('button', { name: /Cancel/ }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await followed()).toBe(false);

    await page.goto(`/phone?scan=${encodeURIComponent(url)}`);
    await dialog.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect.poll(() => page.url()).toContain(`/phone/chat/${shop.appid}`);
    await expect.poll(followed).toBe(true);
    const follow = await findFollow(ui.h.services.db, shop.account.id, userId);
    expect(follow?.subscribeScene).toBe('ADD_SCENE_QR_CODE');

    // Already following: the link opens the chat without asking (a SCAN, as before).
    await page.goto(`/phone?scan=${encodeURIComponent(url)}`);
    await expect.poll(() => page.url()).toContain(`/phone/chat/${shop.appid}`);
    expect(await dialog.count()).toBe(0);
  });

  it('the phone API: a preview follows nothing; the scanner\'s own scan still follows at once', async () => {
    const cafe = await makeAccount(ui.h.services, { type: 'service', verified: true, name: 'Tea Room' });
    const url = await qrUrl(cafe.appid, cafe.secret, 'table-3');
    const { page } = await ui.openPage();
    await createPhoneFollower(page, 'Qian', 'Hangzhou');
    const token = await phoneToken(page);
    const userId = await phoneUserId(page);
    const post = (body: object) => fetch(`${ui.h.url}/phone/api/scan`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const preview = (await (await post({ text: url, preview: true })).json()) as { kind: string; account: { appid: string; followed: boolean } };
    expect(preview).toMatchObject({ kind: 'preview', account: { appid: cafe.appid, followed: false } });
    expect((await findFollow(ui.h.services.db, cafe.account.id, userId))?.subscribed ?? false).toBe(false);
    const scanned = (await (await post({ text: url })).json()) as { kind: string; event: string };
    expect(scanned).toMatchObject({ kind: 'account', event: 'subscribe' });
    expect((await findFollow(ui.h.services.db, cafe.account.id, userId))?.subscribed).toBe(true);
  });
});
