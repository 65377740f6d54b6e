import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'herald-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('mail and registration configuration', () => {
  it('reads the SMTP server, the sender and the link lifetime', () => {
    const c = loadConfig({ HERALD_SMTP_URL: 'smtps://u:p@mail.example.com:465', HERALD_MAIL_FROM: 'Shop <a@example.com>', HERALD_SIGNUP_LINK_HOURS: '24' });
    expect(c.mail).toEqual({ smtpUrl: 'smtps://u:p@mail.example.com:465', from: 'Shop <a@example.com>' });
    expect(c.signupLinkHours).toBe(24);
    expect(loadConfig({}).mail).toEqual({ from: 'Herald <no-reply@herald.invalid>' });
    expect(loadConfig({}).signupLinkHours).toBe(48);
  });

  it('reads the registration caps, with the platform figures as defaults', () => {
    expect(loadConfig({}).registrationCaps).toEqual({ perEmail: 1, perOrganization: 5, perPublicOrganization: 50 });
    expect(loadConfig({ HERALD_REGISTRATION_CAP_EMAIL: '3', HERALD_REGISTRATION_CAP_ORGANIZATION: '2', HERALD_REGISTRATION_CAP_PUBLIC_ORGANIZATION: '9' }).registrationCaps).toEqual({ perEmail: 3, perOrganization: 2, perPublicOrganization: 9 });
    for (const bad of ['0', '-1', 'many', '1.5']) expect(problemsOf({ HERALD_REGISTRATION_CAP_EMAIL: bad })[0]).toContain('HERALD_REGISTRATION_CAP_EMAIL');
  });

  it('refuses an SMTP URL of another scheme and a link lifetime out of range', () => {
    expect(problemsOf({ HERALD_SMTP_URL: 'http://mail.example.com' })[0]).toContain('HERALD_SMTP_URL');
    expect(problemsOf({ HERALD_SMTP_URL: 'not a url' })[0]).toContain('HERALD_SMTP_URL');
    expect(problemsOf({ HERALD_SIGNUP_LINK_HOURS: '0' })[0]).toContain('HERALD_SIGNUP_LINK_HOURS');
  });

  it('adds the holidays of a file to the business calendar, and lists a bad file as a problem', () => {
    const good = path.join(dir, 'holidays.json');
    writeFileSync(good, JSON.stringify({ holidays: ['2027-01-01'], workdays: ['2027-02-06'] }));
    expect(loadConfig({ HERALD_CHINA_HOLIDAYS_FILE: good }).chinaHolidays).toEqual({ holidays: ['2027-01-01'], workdays: ['2027-02-06'] });
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ holidays: ['1 Jan 2027'] }));
    expect(problemsOf({ HERALD_CHINA_HOLIDAYS_FILE: bad })[0]).toMatch(/HERALD_CHINA_HOLIDAYS_FILE: holidays.0: dates as YYYY-MM-DD/);
    writeFileSync(bad, '{');
    expect(problemsOf({ HERALD_CHINA_HOLIDAYS_FILE: bad })[0]).toContain('HERALD_CHINA_HOLIDAYS_FILE');
    expect(problemsOf({ HERALD_CHINA_HOLIDAYS_FILE: path.join(dir, 'missing.json') })[0]).toContain('HERALD_CHINA_HOLIDAYS_FILE');
  });
});
