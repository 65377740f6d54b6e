import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import { checkRange, dayEnd, dayNumber, daysOf, dayStart, refHour } from './dateRange.js';
import { countIntervalOf, userSourceOf } from './codes.js';

/** 2026-03-10 12:00 China time. */
const NOW = Date.UTC(2026, 2, 10, 4);

const errcodeOf = (fn: () => unknown): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).errcode;
  }
};

describe('datacube date rules', () => {
  it('reads real calendar days only', () => {
    expect(dayNumber('2024-02-29')).toBeDefined();
    for (const bad of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-00-10', '2026-13-01', '2026-1-1', '20260101', '', ' 2026-01-01', 20260101, null, undefined, ['2026-01-01'], { d: 1 }]) {
      expect(dayNumber(bad), String(bad)).toBeUndefined();
    }
  });

  it('spans, yesterday on the given clock, and the first day of data', () => {
    expect(checkRange({ begin_date: '2026-03-03', end_date: '2026-03-09' }, 7, NOW)).toEqual({ begin: '2026-03-03', end: '2026-03-09' });
    expect(errcodeOf(() => checkRange({ begin_date: '2026-03-02', end_date: '2026-03-09' }, 7, NOW))).toBe(61501);
    expect(errcodeOf(() => checkRange({ begin_date: '2026-03-10', end_date: '2026-03-10' }, 7, NOW))).toBe(61501);
    expect(errcodeOf(() => checkRange({ begin_date: '2026-03-09', end_date: '2026-03-08' }, 7, NOW))).toBe(61501);
    expect(errcodeOf(() => checkRange({ begin_date: '2014-11-30', end_date: '2014-11-30' }, 7, NOW))).toBe(61501);
    expect(errcodeOf(() => checkRange({ begin_date: '2026-02-30', end_date: '2026-03-01' }, 7, NOW))).toBe(61500);
    expect(errcodeOf(() => checkRange({ end_date: '2026-03-01' }, 7, NOW))).toBe(61500);
    // 23:30 UTC on the 9th is already the 10th in China: the 9th is yesterday.
    expect(checkRange({ begin_date: '2026-03-09', end_date: '2026-03-09' }, 1, Date.UTC(2026, 2, 9, 23, 30))).toEqual({ begin: '2026-03-09', end: '2026-03-09' });
  });

  it('China day bounds and hours', () => {
    expect(dayStart('2026-03-10').toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(dayEnd('2026-03-10').toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(daysOf({ begin: '2026-02-27', end: '2026-03-02' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(refHour(0)).toBe(0);
    expect(refHour(23)).toBe(2300);
  });

  it('codes: user_source and count_interval', () => {
    expect(userSourceOf('ADD_SCENE_QR_CODE')).toBe(30);
    expect(userSourceOf('ADD_SCENE_SEARCH')).toBe(1);
    expect(userSourceOf('ADD_SCENE_SOMETHING_NEW')).toBe(0);
    expect([0, 1, 5, 6, 10, 11].map(countIntervalOf)).toEqual([0, 1, 1, 2, 2, 3]);
  });
});
