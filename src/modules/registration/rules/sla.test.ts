import { describe, expect, it } from 'vitest';
import { APPEAL_REMINDER_MS, DUE_SOON_MS, slaState } from './sla.js';

describe('the review service level', () => {
  const now = Date.parse('2026-12-08T02:00:00Z');
  const hour = 3_600_000;

  it('is past due after the due date, due soon within a day of it, on time before', () => {
    expect(slaState(now - 1, now)).toBe('overdue');
    expect(slaState(now, now)).toBe('due_soon');
    expect(slaState(now + 23 * hour, now)).toBe('due_soon');
    expect(slaState(now + 24 * hour, now)).toBe('due_soon');
    expect(slaState(now + 25 * hour, now)).toBe('on_time');
    expect(slaState(null, now)).toBe('on_time');
  });

  it('reminds reviewers of an appeal a day before it is due', () => {
    expect(DUE_SOON_MS).toBe(24 * hour);
    expect(APPEAL_REMINDER_MS).toBe(DUE_SOON_MS);
  });
});
