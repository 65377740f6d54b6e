/**
 * The console and the phone run under their Content-Security-Policy in Chromium: they render,
 * sign in, and report no CSP violation.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { chromiumSuite, signIn } from './helpers.js';

describeInBrowser('the web app under its CSP in Chromium', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'csp', page: { timeout: 10_000 } });

  const violations = (page: Page) => {
    const seen: string[] = [];
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) seen.push(m.text());
    });
    return seen;
  };

  it('the console signs in and shows its accounts; the phone opens', async () => {
    const op = await makeOperator(ui.h.services, { orgName: 'CSP Media' });
    const { page } = await ui.openPage();
    const seen = violations(page);
    const res = await page.goto('/console/login');
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await signIn(page, op);
    await page.goto('/phone');
    await page.locator('body').getByText(/\S/).first().waitFor();
    await ui.shot(page, 'phone');
    expect(seen).toEqual([]);
  });
});
