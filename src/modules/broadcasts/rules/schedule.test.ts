import { describe, expect, it } from 'vitest';
import { SCHEDULE_MAX_MS, SCHEDULE_MIN_MS, quotaPeriodKey, scheduleRefusal, schedulePeriodKeys, scheduleSlots, scheduleWindows } from './schedule.js';

// 2026-12-07 09:00 UTC = 17:00 China time.
const NOW = Date.UTC(2026, 11, 7, 9, 0);
const china = (d: number, h: number, m = 0) => Date.UTC(2026, 11, d, h - 8, m);

describe('scheduling push posts into periods with quota', () => {
  it('offers the rest of today and the next seven days to a subscription account with quota', () => {
    const w = scheduleWindows('subscription', NOW, {});
    expect(w.map((x) => x.day)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14']);
    expect(w[0].from).toBe(NOW + SCHEDULE_MIN_MS);
    expect(w.at(-1)?.to).toBe(NOW + SCHEDULE_MAX_MS);
  });

  it('leaves out a day whose push is used, and starts the offer at the next China midnight', () => {
    const w = scheduleWindows('subscription', NOW, { '2026-12-07': 1, '2026-12-09': 1 });
    expect(w.map((x) => x.day)).toEqual(['2026-12-08', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13', '2026-12-14']);
    expect(w[0].from).toBe(china(8, 0));
    expect(scheduleSlots(w[0])[0]).toBe(china(8, 0));
    expect(scheduleRefusal('subscription', NOW, china(7, 20), { '2026-12-07': 1 })).toBe('no_quota');
    expect(scheduleRefusal('subscription', NOW, china(8, 8), { '2026-12-07': 1 })).toBeNull();
  });

  it('counts a service account by China month: a used-up month offers only the next one', () => {
    const late = Date.UTC(2026, 11, 28, 4); // 28 Dec, 12:00 China time
    expect(schedulePeriodKeys('service', late)).toEqual(['2026-12', '2027-01']);
    const w = scheduleWindows('service', late, { '2026-12': 4, '2027-01': 0 });
    expect(w[0]).toMatchObject({ day: '2027-01-01', from: Date.UTC(2026, 11, 31, 16) });
    expect(scheduleWindows('service', late, { '2026-12': 3 })[0].day).toBe('2026-12-28');
    expect(quotaPeriodKey('service', late)).toBe('2026-12');
  });

  it('refuses too early and too late', () => {
    expect(scheduleRefusal('subscription', NOW, NOW + 60_000, {})).toBe('too_early');
    expect(scheduleRefusal('subscription', NOW, NOW + SCHEDULE_MAX_MS + 60_000, {})).toBe('too_late');
    expect(scheduleRefusal('subscription', NOW, NOW + SCHEDULE_MIN_MS, {})).toBeNull();
  });

  it('steps slots on the half hour within a window', () => {
    expect(scheduleSlots({ from: china(7, 17, 5), to: china(7, 18, 30) })).toEqual([china(7, 17, 30), china(7, 18), china(7, 18, 30)]);
  });
});
