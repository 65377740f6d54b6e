import { describe, expect, it } from 'vitest';
import { chinaDateOf, dueAfterBusinessDays, isBusinessDay, withAddedDays } from './businessDays.js';
import { CHINA_HOLIDAYS, type HolidayTable } from './chinaHolidays.js';

/** An instant given in China time. */
const china = (s: string) => Date.parse(`${s}+08:00`);
/** The end of a China calendar day. */
const endOf = (date: string) => Date.parse(`${date}T23:59:59.999+08:00`);

describe('China business days', () => {
  it('reads dates in China time', () => {
    expect(chinaDateOf(Date.parse('2026-12-07T16:30:00Z'))).toBe('2026-12-08');
    expect(chinaDateOf(Date.parse('2026-12-07T15:59:59Z'))).toBe('2026-12-07');
  });

  it('counts weekdays, skips weekends and holidays, works swapped weekend days', () => {
    expect(isBusinessDay('2026-12-07', CHINA_HOLIDAYS)).toBe(true); // Monday
    expect(isBusinessDay('2026-12-12', CHINA_HOLIDAYS)).toBe(false); // Saturday
    expect(isBusinessDay('2026-10-01', CHINA_HOLIDAYS)).toBe(false); // National Day
    expect(isBusinessDay('2026-10-10', CHINA_HOLIDAYS)).toBe(true); // Saturday worked (调休)
    expect(isBusinessDay('2026-02-16', CHINA_HOLIDAYS)).toBe(false); // Spring Festival, a Monday
  });

  it('is due at the end of the third business day after the day it came in', () => {
    // Monday 10:00 → Thursday.
    expect(dueAfterBusinessDays(china('2026-12-07T10:00:00'), 3, CHINA_HOLIDAYS)).toBe(endOf('2026-12-10'));
    // Friday → across the weekend to Wednesday.
    expect(dueAfterBusinessDays(china('2026-12-11T18:00:00'), 3, CHINA_HOLIDAYS)).toBe(endOf('2026-12-16'));
    // Saturday → Wednesday (the weekend day itself does not count).
    expect(dueAfterBusinessDays(china('2026-12-12T09:00:00'), 3, CHINA_HOLIDAYS)).toBe(endOf('2026-12-16'));
    // Late Sunday in UTC is already Monday in China: Monday counts as the day it came in.
    expect(dueAfterBusinessDays(Date.parse('2026-12-06T17:00:00Z'), 3, CHINA_HOLIDAYS)).toBe(endOf('2026-12-10'));
  });

  it('moves past a public holiday and a weekend together', () => {
    // Tue 2026-09-29: Wed 30 counts, Oct 1–7 are National Day, Thu 8 and Fri 9 count.
    expect(dueAfterBusinessDays(china('2026-09-29T12:00:00'), 3, CHINA_HOLIDAYS)).toBe(endOf('2026-10-09'));
    // Thu 2026-10-08: Fri 9, Sat 10 (a swapped working day), Mon 12.
    expect(dueAfterBusinessDays(china('2026-10-08T12:00:00'), 3, CHINA_HOLIDAYS)).toBe(endOf('2026-10-12'));
    // Spring Festival 2026: Fri Feb 13 → Sat Feb 14 is worked, then Feb 15–23 off, Tue 24, Wed 25.
    expect(dueAfterBusinessDays(china('2026-02-13T12:00:00'), 3, CHINA_HOLIDAYS)).toBe(endOf('2026-02-25'));
  });

  it('reads any table given (a year missing counts weekends only; an updated table is used as given)', () => {
    const table: HolidayTable = { holidays: ['2027-01-01'], workdays: ['2027-01-02'] };
    // Thu 2026-12-31: Fri Jan 1 off, Sat Jan 2 worked, Mon Jan 4, Tue Jan 5.
    expect(dueAfterBusinessDays(china('2026-12-31T12:00:00'), 3, table)).toBe(endOf('2027-01-05'));
    expect(dueAfterBusinessDays(china('2026-12-31T12:00:00'), 3, { holidays: [], workdays: [] })).toBe(endOf('2027-01-05'));
    expect(dueAfterBusinessDays(china('2026-12-31T12:00:00'), 7, CHINA_HOLIDAYS)).toBe(endOf('2027-01-11'));
  });

  it('adds an updated year to the shipped table (configuration wins on a date both name)', () => {
    const added = withAddedDays(CHINA_HOLIDAYS, { holidays: ['2027-01-01', '2026-12-14'], workdays: ['2026-10-07'] });
    expect(isBusinessDay('2027-01-01', added)).toBe(false);
    expect(isBusinessDay('2026-12-14', added)).toBe(false);
    expect(isBusinessDay('2026-10-07', added)).toBe(true);
    expect(isBusinessDay('2026-10-06', added)).toBe(false);
    expect(withAddedDays(CHINA_HOLIDAYS, undefined)).toBe(CHINA_HOLIDAYS);
    // Fri 2026-12-11 → Mon 14 now a holiday: Tue 15, Wed 16, Thu 17.
    expect(dueAfterBusinessDays(china('2026-12-11T18:00:00'), 3, added)).toBe(endOf('2026-12-17'));
  });

  it('has 2026 as the State Council set it (notice of 2025-11-04)', () => {
    const year = (list: readonly string[]) => list.filter((d) => d.startsWith('2026-')).sort();
    // 元旦 1–3 Jan; 春节 15–23 Feb; 清明 4–6 Apr; 劳动节 1–5 May; 端午 19–21 Jun; 中秋 25–27 Sep; 国庆 1–7 Oct.
    const off = [
      ['2026-01-01', 3], ['2026-02-15', 9], ['2026-04-04', 3], ['2026-05-01', 5], ['2026-06-19', 3], ['2026-09-25', 3], ['2026-10-01', 7],
    ] as const;
    const days = off.flatMap(([from, n]) => Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10)));
    expect(year(CHINA_HOLIDAYS.holidays)).toEqual(days.sort());
    // Worked: Sun 4 Jan, Sat 14 and 28 Feb, Sat 9 May, Sun 20 Sep, Sat 10 Oct.
    expect(year(CHINA_HOLIDAYS.workdays)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (const d of year(CHINA_HOLIDAYS.workdays)) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
  });
});
