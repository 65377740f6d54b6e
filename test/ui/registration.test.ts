/**
 * Registration in Chromium: sign up, follow the verification link from the outbox page, sign in,
 * apply (type first, confirmed permanent; regions, name, documents), a platform administrator
 * rejects with a reason (in Chinese), the applicant sees it, corrects and resubmits, the
 * administrator approves, and the account appears in the applicant's list. axe-core finds no
 * serious or critical problem on any of these pages, in English and Chinese. Screenshots go to
 * test-results/registration/.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeEachDb } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { seen } from '../phoneBrowser.js';
import { chromiumSuite, signIn } from './helpers.js';
import { axeProblems } from './axe.js';
import { pngOf } from '../factories/images.js';


async function uploadDocument(page: Page, kind: string, name: string, w = 1600, h = 1200) {
  await page.getByLabel('Document', { exact: true }).selectOption({ label: kind });
  await page.getByLabel('File', { exact: true }).setInputFiles({ name, mimeType: 'image/png', buffer: pngOf(w, h) });
  await seen(page.getByRole('link', { name: `${kind}: ${name}` }));
}

/** Signs in to the console in Chinese and waits for the accounts list. */
async function signInZh(page: Page, login: { email: string; password: string }) {
  await page.goto('/console');
  await page.getByLabel('邮箱').fill(login.email);
  await page.getByLabel('密码').fill(login.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '公众号' }).waitFor();
}

describeEachDb('registration in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'registration', publicUrl: true, page: { timeout: 15_000 } });

  it('sign up, verify through the outbox, apply, rejected, resubmit, approved', { timeout: 300_000 }, async () => {
    const admin = await makeOperator(ui.h.services, { platformAdmin: true, orgName: 'Platform' });
    const email = `shop-${Date.now()}@example.com`;
    const password = 'a-good-password';
    const name = `Herald Books ${kind}`;

    // Sign up in English.
    const { page } = await ui.openPage();
    await page.goto('/console/login');
    await page.getByRole('link', { name: 'New here? Sign up' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await seen(page.getByRole('heading', { name: 'Check your email' }));
    await ui.shot(page, '01-signed-up');

    // The outbox holds the mail; its link opens the verification page.
    await page.getByRole('link', { name: 'Open the outbox' }).click();
    await seen(page.getByRole('heading', { name: 'Outbox' }));
    const link = page.getByRole('link', { name: /\/console\/verify-email\?token=/ }).first();
    await seen(link);
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '02-outbox');
    await link.click();
    await page.getByRole('button', { name: 'Verify my email' }).click();
    await seen(page.getByText('Email verified'));
    expect(await axeProblems(page)).toEqual([]);

    // Signed in: a new application; the type is permanent and must be confirmed.
    await signIn(page, { email, password });
    await page.getByRole('link', { name: 'Register an account' }).click();
    await page.getByRole('button', { name: 'New application' }).click();
    const dialog = page.getByRole('dialog');
    await seen(dialog.getByText('The account type is permanent'));
    const confirm = dialog.getByRole('button', { name: 'Confirm and continue' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByText('Service account', { exact: true }).click();
    await dialog.getByLabel('I understand the account type cannot be changed after registration').check();
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '03-type-dialog');
    await confirm.click();

    // The form and the documents, then submit.
    await page.getByLabel('Operating region').selectOption('CN');
    await page.getByLabel('Registration jurisdiction').selectOption('CN');
    await page.getByLabel('Account name').fill(name);
    await page.getByLabel('WeChat ID').fill('herald_books');
    await page.getByLabel('Description').fill('New books and readings every week.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await seen(page.getByText('Saved', { exact: true }));
    await uploadDocument(page, 'Business registration certificate', 'licence.png', 500, 400);
    await uploadDocument(page, 'Administrator ID or passport', 'passport.png');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await seen(page.getByText('In review', { exact: true }).first());
    const applicationId = (await page.locator('.page-description .mono').textContent())!.trim();
    expect(applicationId).toMatch(/^R\d{8}-[0-9A-Z]{6}$/);
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '04-in-review', true);

    // The administrator, in Chinese: the queue, the application, rejected for the scan.
    const { page: reviewer } = await ui.openPage({ locale: 'zh-CN' });
    await signInZh(reviewer, admin);
    await reviewer.goto('/console/admin/registrations');
    // The SLA board counts what is past due or due within a day (nothing here: due in 7 business days).
    const sla = reviewer.getByRole('list', { name: '审核时效' });
    await seen(sla.getByRole('listitem').filter({ hasText: '已逾期的申请' }));
    expect(await sla.getByRole('listitem').filter({ hasText: '已逾期的申请' }).locator('.stat-value').textContent()).toBe('0');
    await reviewer.getByRole('cell', { name: applicationId }).click();
    await seen(reviewer.getByText(name, { exact: true }).first());
    await seen(reviewer.getByText('自动检查'));
    await reviewer.getByLabel('扫描件不清晰').check();
    await reviewer.getByLabel('审核说明').fill('营业执照扫描件分辨率过低，请重新上传。');
    expect(await axeProblems(reviewer)).toEqual([]);
    await ui.shot(reviewer, '05-review-zh', true);
    await reviewer.getByRole('button', { name: '驳回' }).click();
    await seen(reviewer.getByText('已驳回该申请'));

    // The applicant sees the reason, uploads a better scan and resubmits.
    await page.reload();
    await seen(page.getByText('Not approved'));
    await seen(page.getByRole('listitem').filter({ hasText: 'Low-quality scan' }).first());
    await uploadDocument(page, 'Business registration certificate', 'licence-hd.png');
    expect(await axeProblems(page)).toEqual([]);
    await ui.shot(page, '06-rejected', true);
    await page.getByRole('button', { name: 'Resubmit' }).click();
    await seen(page.getByText('In review', { exact: true }).first());

    // Approved: the account is open and listed.
    await reviewer.reload();
    await reviewer.getByRole('cell', { name: applicationId }).click();
    await reviewer.getByRole('button', { name: '通过' }).click();
    await seen(reviewer.getByText('已通过该申请'));
    // Processing time: the decided application counts under its region and subject type.
    await reviewer.reload();
    const times = reviewer.getByRole('table', { name: '处理时长' });
    await seen(times.getByRole('row').filter({ hasText: '中国' }).filter({ hasText: '企业' }));
    expect(await axeProblems(reviewer)).toEqual([]);
    await ui.shot(reviewer, '06b-processing-time-zh', true);
    await page.reload();
    await seen(page.getByText('Approved: the account is open'));
    await page.getByRole('link', { name: 'Open the account' }).click();
    await page.goto('/console/accounts');
    await seen(page.getByRole('cell', { name: new RegExp(name) }));
    expect(await axeProblems(page)).toEqual([]);

    // The applicant's pages in Chinese.
    const { page: zh } = await ui.openPage({ locale: 'zh-CN' });
    await signInZh(zh, { email, password });
    await zh.goto('/console/registration');
    await seen(zh.getByRole('cell', { name: applicationId }));
    await seen(zh.getByText('已通过').first());
    expect(await axeProblems(zh)).toEqual([]);
    await zh.goto('/console/outbox');
    await seen(zh.getByRole('heading', { name: '发件箱' }));
    expect(await axeProblems(zh)).toEqual([]);
    await ui.shot(zh, '07-outbox-zh');

    // The same statistics in English.
    const { page: en } = await ui.openPage();
    await signIn(en, admin);
    await en.goto('/console/admin/registrations');
    await seen(en.getByRole('list', { name: 'Service level' }).getByRole('listitem').filter({ hasText: 'Appeals due within a day' }));
    const enTimes = en.getByRole('table', { name: 'Processing time' });
    await seen(enTimes.getByRole('columnheader', { name: '90th percentile' }));
    await seen(enTimes.getByRole('row').filter({ hasText: 'China' }).filter({ hasText: 'Enterprise' }));
    expect(await axeProblems(en)).toEqual([]);
    await ui.shot(en, '08-processing-time-en', true);
  });
});
