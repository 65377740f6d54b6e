/**
 * An account's tab bar at phone width (390 px) in Chromium: one row that scrolls sideways, the
 * tabs side by side without overlapping, the group rules between tabs (never at the start of a
 * line), the current tab scrolled into view, and nothing wider than the screen. Both languages,
 * axe clean. Screenshots go to test-results/tabs-narrow/. Needs web/dist (`npm run build:web`).
 */
import { expect, it } from 'vitest';
import { describeEachDb, makeAccount } from '../harness.js';
import { makeOperator } from '../consoleFixtures.js';
import { axeProblems } from './axe.js';
import { signInIn, UI_LANGUAGES } from './catalog.js';
import { chromiumSuite } from './helpers.js';

describeEachDb('the account tab bar at phone width', (kind) => {
  const ui = chromiumSuite(kind, { shots: 'tabs-narrow', page: { viewport: { width: 390, height: 844 }, timeout: 15_000 } });

  for (const { lang, locale } of UI_LANGUAGES) {
    it(`${lang}: one scrolling row, rules between tabs, the current tab in view`, async () => {
      const op = await makeOperator(ui.h.services, { orgName: `莲花 ${lang}` });
      const made = await makeAccount(ui.h.services, { orgId: op.orgId, type: 'service', verified: true, name: '莲花咖啡' });
      const { page } = await ui.openPage({ locale });
      await signInIn(page, lang, op);
      // A tab near the end of the row: the developer settings.
      await page.goto(`/console/accounts/${made.appid}/developer`);
      const list = page.getByRole('tablist').first();
      await list.locator('.tab.active').waitFor();
      await page.waitForTimeout(200);
      const layout = await list.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const tabs = [...el.querySelectorAll<HTMLElement>('.tab')].map((t) => {
          const r = t.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, active: t.classList.contains('active'), groupStart: t.classList.contains('tab-group-start'), whole: t.scrollWidth <= t.clientWidth };
        });
        return { box: { left: box.left, right: box.right }, scrolls: el.scrollWidth > el.clientWidth, tabs };
      });
      expect(layout.tabs.length).toBeGreaterThan(8);
      // One row: every tab on the same line, each after the one before, none cut inside.
      expect(new Set(layout.tabs.map((t) => Math.round(t.top))).size).toBe(1);
      for (let i = 1; i < layout.tabs.length; i++) expect(layout.tabs[i].left).toBeGreaterThanOrEqual(layout.tabs[i - 1].right - 0.5);
      for (const t of layout.tabs) expect(t.whole).toBe(true);
      expect(layout.scrolls).toBe(true);
      // Group rules sit between tabs: the first tab opens no group.
      expect(layout.tabs[0].groupStart).toBe(false);
      expect(layout.tabs.filter((t) => t.groupStart).length).toBeGreaterThan(2);
      // The current tab is scrolled into view, inside the row's visible part.
      const active = layout.tabs.find((t) => t.active);
      expect(active).toBeDefined();
      expect(active!.left).toBeGreaterThanOrEqual(layout.box.left - 0.5);
      expect(active!.right).toBeLessThanOrEqual(layout.box.right + 0.5);
      // Nothing is wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await axeProblems(page)).toEqual([]);
      await ui.shot(page, `${lang}-01-tabs-developer`);
      // Scrolling the row does not scroll the page sideways.
      await list.evaluate((el) => el.scrollTo({ left: 0 }));
      expect(await page.evaluate(() => window.scrollX)).toBe(0);
      await ui.shot(page, `${lang}-02-tabs-start`);
    }, 120_000);
  }
});
