import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compatDocPath, renderCompatibility, collectRegistered } from '../../../scripts/compat.js';
import { API_TABLE } from './apiTable/index.js';

describe('docs/COMPATIBILITY.md', () => {
  it('lists every registered WeChat API as implemented and is up to date', async () => {
    const registered = await collectRegistered();
    expect(registered.length).toBeGreaterThan(0);
    const doc = readFileSync(compatDocPath, 'utf8');
    for (const r of registered) {
      expect(doc).toContain(`| \`${r.path}\` | implemented |`);
    }
    for (const e of API_TABLE) {
      const isRegistered = registered.some((r) => r.path === e.path);
      expect(doc).toContain(`| \`${e.path}\` | ${isRegistered ? 'implemented' : 'not yet'} |`);
    }
    expect(doc, 'run `npm run docs:compat` to regenerate').toBe(await renderCompatibility());
    // Starts a Herald and reads every test file for the paths it calls: ~20 s on an idle machine.
  }, 120_000);
});
