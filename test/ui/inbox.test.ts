/**
 * The customer-service inbox in a real browser (Debian's Chromium through playwright-core): two
 * operators in two browser contexts work as two representatives of one account. A follower
 * waits, representative A claims and answers, hands the conversation to B, B closes it; the
 * response-time board shows an inquiry unanswered for more than 48 hours in red.
 * Screenshots go to test-results/inbox/. Needs web/dist (`npm run build:web`).
 */
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeInBrowser, makeAccount, makeOrg } from '../harness.js';
import { newWechatId } from '../factories/kf.js';
import { accounts } from '../../src/modules/accounts/schema.js';
import { createOperator } from '../../src/modules/operators/commands/operatorCreator.js';
import { createFollowerUser } from '../../src/modules/followers/commands/followerUserCreator.js';
import { followAccount } from '../../src/modules/followers/commands/followAccount.js';
import { sendUserMessage } from '../../src/modules/messaging/commands/userMessageSender.js';
import { enqueueWaitingSession } from '../../src/modules/kf/commands/kfSessionQueuer.js';
import { findOpenSession } from '../../src/modules/kf/store/kfSessions.js';
import { chromiumSuite, replyingServer, transferReply } from './helpers.js';

const HOUR = 3600 * 1000;

describeInBrowser('customer-service inbox in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'inbox', page: { timeout: 10_000 } });

  /** A follower handed to customer service who then writes `text`. */
  async function inquiry(appid: string, accountId: string, nickname: string, text: string, city = '') {
    const user = await createFollowerUser(ui.h.services, { nickname, country: 'China', city, language: 'zh_CN' });
    const openid = await followAccount(ui.h.services, user.id, appid);
    await enqueueWaitingSession(ui.h.services, accountId, openid);
    await sendUserMessage(ui.h.services, user.id, appid, { msgtype: 'text', content: text });
    return { userId: user.id, openid };
  }

  it('two representatives: claim, answer, transfer, close; the board shows an overdue inquiry in red', async () => {
    const org = await makeOrg(ui.h.services, 'Herald Coffee Co.');
    const password = `pw-${randomBytes(6).toString('hex')}`;
    const anna = await createOperator(ui.h.services.db, { orgId: org.id, email: `anna-${randomBytes(3).toString('hex')}@example.com`, name: 'Anna Li', password, role: 'admin' });
    const bo = await createOperator(ui.h.services.db, { orgId: org.id, email: `bo-${randomBytes(3).toString('hex')}@example.com`, name: 'Bo Chen', password, role: 'agent' });
    const { account, appid } = await makeAccount(ui.h.services, { orgId: org.id, name: 'Herald Coffee', type: 'service', verified: true });
    const wechatId = newWechatId();
    await ui.h.services.db.update(accounts).set({ wechatId }).where(eq(accounts.id, account.id));

    // An inquiry nobody answered, two days ago.
    const old = await inquiry(appid, account.id, 'Wang Fang', 'My beans arrived broken. Can I get a refund?', 'Hangzhou');
    ui.h.services.clock.advance(50 * HOUR);

    const a = await ui.signedInPage({ email: anna.email, password });
    const b = await ui.signedInPage({ email: bo.email, password });
    const inbox = `/console/accounts/${appid}/inbox`;

    // Both add themselves as representatives and go online.
    for (const [page, prefix, nick] of [[a, 'anna', 'Anna'], [b, 'bo', 'Bo']] as const) {
      await page.goto(`${inbox}/team`);
      await page.getByText('You are not a representative of this account.').waitFor();
      if (prefix === 'anna') await ui.shot(page, '01-team-empty');
      await page.getByRole('button', { name: '+ Add representative' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(`@${wechatId}`).waitFor();
      await dialog.getByLabel('Customer-service account').fill(prefix);
      await dialog.getByLabel('Nickname').fill(nick);
      if (prefix === 'anna') await ui.shot(page, '02-add-representative');
      await dialog.getByRole('button', { name: 'Add representative' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Go online' }).click();
      await page.getByRole('button', { name: 'Go offline' }).waitFor();
    }
    await a.reload();
    await a.getByRole('row', { name: /Bo .*bo@/ }).getByText('Online').waitFor();
    await ui.shot(a, '03-team-online');

    // A follower asks; the developer's server hands the message to customer service, so it waits in the queue.
    // A developer server that hands every text message to customer service.
    const dev = await replyingServer(transferReply);
    ui.onClose(dev.close);
    const configured = await fetch(`${ui.h.url}/sim/v1/accounts/${appid}/server`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: dev.url, token: 'inboxtoken', mode: 'plaintext' }),
    });
    expect(configured.status, await configured.text()).toBe(200);
    const meiUser = await createFollowerUser(ui.h.services, { nickname: 'Li Mei', country: 'China', city: 'Shenzhen', language: 'zh_CN' });
    const mei = { userId: meiUser.id, openid: await followAccount(ui.h.services, meiUser.id, appid) };
    await sendUserMessage(ui.h.services, mei.userId, appid, { msgtype: 'text', content: 'Hi! Where is my order #1024?' });
    await expect.poll(async () => (await findOpenSession(ui.h.services.db, account.id, mei.openid))?.status, { timeout: 10_000 }).toBe('waiting');
    await a.goto(inbox);
    const queue = a.getByRole('region', { name: 'Conversations' });
    await queue.locator('.queue-item', { hasText: 'Li Mei' }).waitFor();
    expect(await queue.getByRole('tab', { name: /^Waiting/ }).textContent()).toContain('2');
    await ui.shot(a, '04-waiting');

    // A opens it, sees the message and the window, and claims it.
    await queue.locator('.queue-item', { hasText: 'Li Mei' }).click();
    const conversation = a.getByRole('region', { name: 'Conversation with Li Mei' });
    await conversation.getByText('Hi! Where is my order #1024?').waitFor();
    await conversation.getByRole('status', { name: 'Customer-service window' }).filter({ hasText: /Window open · \d+ replies left · closes in 4[78] h/ }).waitFor();
    await conversation.getByText('Claim the conversation to reply').waitFor();
    await ui.shot(a, '05-conversation-waiting');
    await a.getByRole('complementary', { name: 'Follower' }).getByRole('button', { name: 'Claim', exact: true }).click();
    await queue.getByRole('tab', { name: /^Mine/, selected: true }).waitFor();
    await queue.locator('.queue-item', { hasText: 'Li Mei' }).waitFor();

    // A answers from the composer.
    await conversation.getByLabel('Reply').fill('Hello Li Mei! Order #1024 left our roastery this morning.');
    await conversation.getByRole('button', { name: 'Send' }).click();
    const answer = conversation.locator('.bubble-row.out', { hasText: 'left our roastery this morning' });
    await answer.waitFor();
    expect(await answer.locator('.bubble-who').textContent()).toBe('Anna · Anna Li');
    await conversation.getByText(/Window open · \d+ replies left/).waitFor();
    await queue.locator('.queue-item', { hasText: 'You: Hello Li Mei!' }).waitFor();
    await ui.shot(a, '06-answered');

    // The follower's conversation (what the phone shows) has the answer, from Anna's kf account.
    const res = await fetch(`${ui.h.url}/sim/v1/users/${mei.userId}/inbox?account=${appid}`);
    expect(res.status).toBe(200);
    const phone = ((await res.json()) as { messages: Array<{ direction: string; source: string; kf_account: string | null; content: unknown }> }).messages;
    expect(phone.map((m) => [m.direction, m.source, m.kf_account])).toEqual([
      ['in', 'user', null],
      ['out', 'kf', `anna@${wechatId}`],
    ]);
    expect(phone[1].content).toEqual({ content: 'Hello Li Mei! Order #1024 left our roastery this morning.' });

    // A transfers to Bo.
    const side = a.getByRole('complementary', { name: 'Follower' });
    await side.getByLabel('Transfer to').selectOption(`bo@${wechatId}`);
    await side.getByRole('button', { name: 'Transfer', exact: true }).click();
    await a.getByText('Transferred to Bo.').waitFor();
    await conversation.getByText('Bo is handling this conversation.').waitFor();
    expect((await findOpenSession(ui.h.services.db, account.id, mei.openid))?.kfAccount).toBe(`bo@${wechatId}`);

    // Bo sees it under Mine (the inbox refreshes by itself), reads the history, and closes it.
    await b.goto(inbox);
    const bQueue = b.getByRole('region', { name: 'Conversations' });
    await bQueue.getByRole('tab', { name: /^Mine/ }).click();
    await bQueue.locator('.queue-item', { hasText: 'Li Mei' }).click();
    const bConversation = b.getByRole('region', { name: 'Conversation with Li Mei' });
    await bConversation.locator('.bubble-row.out', { hasText: 'left our roastery' }).waitFor();
    await bConversation.getByLabel('Reply').fill('This is Bo: anything else I can help with?');
    await bConversation.getByRole('button', { name: 'Send' }).click();
    await bConversation.locator('.bubble-row.out', { hasText: 'This is Bo' }).locator('.bubble-who', { hasText: 'Bo · Bo Chen' }).waitFor();
    await ui.shot(b, '07-bo-has-it');
    await b.getByRole('complementary', { name: 'Follower' }).getByRole('button', { name: 'Close session' }).click();
    await b.getByText('Session closed.').waitFor();
    await bConversation.getByText('No open session').waitFor();
    expect(await findOpenSession(ui.h.services.db, account.id, mei.openid)).toBeUndefined();
    await ui.shot(b, '08-closed');

    // Two days later the window has closed: the composer says why.
    ui.h.services.clock.advance(49 * HOUR);
    await b.reload();
    const closedConversation = b.getByRole('region', { name: 'Conversation with Li Mei' });
    await closedConversation.getByRole('status', { name: 'Customer-service window' }).filter({ hasText: 'Window closed' }).waitFor();
    await closedConversation.getByText(/The 48-hour window closed on .*; the follower must message again/).waitFor();
    expect(await closedConversation.getByLabel('Reply').isDisabled()).toBe(true);
    await ui.shot(b, '09-window-closed');

    // The board: Wang Fang has waited about four days, in red.
    await a.goto(`${inbox}/board`);
    const overdue = a.getByRole('region', { name: /^Overdue/ });
    const row = overdue.getByRole('row', { name: /Wang Fang/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/In the queue.*4 d 3 h.*2 d 3 h late/);
    const red = await overdue.locator('.card-header').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(red).toBe('rgb(253, 236, 236)');
    expect(await a.getByRole('tab', { name: /Response-time board/ }).textContent()).toContain('1 overdue');
    await ui.shot(a, '10-board');
    // A row opens the conversation.
    await row.click();
    const wang = a.getByRole('region', { name: 'Conversation with Wang Fang' });
    await wang.getByText('My beans arrived broken.').waitFor();
    // Claimable, but the window closed long ago: the page says both.
    await wang.getByText('Claim the conversation to reply').waitFor();
    await wang.getByText(/The 48-hour window closed on/).waitFor();
    expect(a.url()).toContain(`c=${old.openid}`);
    await ui.shot(a, '11-overdue-conversation');
  }, 120_000);
});
