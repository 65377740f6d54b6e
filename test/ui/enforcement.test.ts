/**
 * Enforcement in Chromium, in Chinese and English: a follower reports an account from its profile
 * with the 投诉 sheet, the report makes a violation (the threshold is one report here), the owner
 * sees it on the account's 违规记录 page and appeals it once, and the platform administrator
 * approves the appeal under /console/admin/enforcement. axe-core finds no serious or critical
 * problem. Screenshots go to test-results/enforcement/.
 */
import { expect, it } from 'vitest';
import { describeInBrowser, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { seen } from '../phoneBrowser.js';
import { DEFAULT_POLICY } from '../../src/modules/enforcement/rules/ladder.js';
import { savePolicy } from '../../src/modules/enforcement/store.js';
import { chromiumSuite } from './helpers.js';
import { axeProblems } from './axe.js';
import { phoneFollowerIn, signInIn, UI_LANGUAGES, word } from './catalog.js';

describeInBrowser('follower reports, violation records and appeals in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'enforcement', page: { timeout: 15_000 } });

  for (const { lang, locale } of UI_LANGUAGES) {
    it(`${lang}: reports from the phone, the record on the account's page, one appeal, the decision`, { timeout: 300_000 }, async () => {
      await savePolicy(ui.h.services.db, { ...DEFAULT_POLICY, reports: { threshold: 1, windowHours: 24 } });
      const op = await makeOperator(ui.h.services, { role: 'owner', orgName: `违规 ${lang}` });
      const admin = await makeOperator(ui.h.services, { platformAdmin: true });
      const { appid } = await makeAccount(ui.h.services, { orgId: op.orgId, name: `莲花商城 ${lang}`, type: 'service', verified: true });

      // The follower reports the account from its profile.
      const { page: phone } = await ui.openPage({ locale, viewport: { width: 1100, height: 900 } });
      await phoneFollowerIn(phone, lang, '小李', 'Hangzhou');
      await phone.goto(`/phone/accounts/${appid}`);
      await phone.getByRole('button', { name: word(lang, 'phoneReport.report'), exact: true }).click();
      const sheet = phone.getByRole('dialog', { name: word(lang, 'phoneReport.reportAccount') });
      await seen(sheet);
      await sheet.getByLabel(word(lang, 'phoneReport.fraud'), { exact: true }).check();
      await sheet.getByLabel(word(lang, 'phoneReport.detail')).fill('冒充客服要求转账');
      expect(await axeProblems(phone)).toEqual([]);
      await ui.shot(phone, `${lang}-01-report-sheet`);
      await sheet.getByRole('button', { name: word(lang, 'phoneReport.submit') }).click();
      await seen(phone.getByText(word(lang, 'phoneReport.reported')));
      expect(await sheet.count()).toBe(0);

      // The owner's 违规记录 page: the rule, the content, the penalty; one appeal.
      const page = (await ui.openPage({ locale })).page;
      await signInIn(page, lang, op);
      await page.goto(`/console/accounts/${appid}/violations`);
      const records = page.getByRole('table', { name: word(lang, 'enforcement.records') });
      await seen(records.getByText(/^3\.12 /));
      await seen(records.getByText(/冒充客服要求转账/));
      await seen(records.getByText(word(lang, 'enforcement.penaltyWarning')));
      await seen(page.getByTestId('account-status').getByText(word(lang, 'enforcement.statusWarned')));
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-02-records`, true);
      await records.getByRole('button', { name: word(lang, 'enforcement.appealButton') }).click();
      const dialog = page.getByRole('dialog', { name: word(lang, 'enforcement.appealTitle') });
      await dialog.getByLabel(word(lang, 'enforcement.appealReason')).fill('这是本店官方客服的正常回复。');
      await dialog.getByRole('button', { name: word(lang, 'enforcement.submitAppeal') }).click();
      await seen(records.getByText(word(lang, 'enforcement.appealPending')));
      expect(await records.getByRole('button', { name: word(lang, 'enforcement.appealButton') }).count()).toBe(0);

      // The platform administrator approves it.
      const reviewer = (await ui.openPage({ locale })).page;
      await signInIn(reviewer, lang, admin);
      await reviewer.goto('/console/admin/enforcement');
      const queue = reviewer.getByRole('table', { name: word(lang, 'enforcement.reviewRecords') });
      await queue.getByText(`莲花商城 ${lang}`).click();
      await seen(reviewer.getByText('这是本店官方客服的正常回复。'));
      await seen(reviewer.getByRole('table', { name: word(lang, 'enforcement.reports') }).getByText(`莲花商城 ${lang}`).first());
      expect(await axeProblems(reviewer)).toEqual([]);
      await ui.shot(reviewer, `${lang}-03-review`, true);
      await reviewer.getByRole('button', { name: word(lang, 'enforcement.approveAppeal') }).click();
      await seen(reviewer.getByText(word(lang, 'enforcement.approvedToast')));

      await page.reload();
      await seen(records.getByText(word(lang, 'enforcement.appealApproved')));
      await seen(page.getByTestId('account-status').getByText(word(lang, 'enforcement.statusNormal')));
      await savePolicy(ui.h.services.db, DEFAULT_POLICY);
    });
  }
});
