/**
 * The penalty ladder (governance §7.2): each violation an account collects within the strike
 * window climbs one step. WeChat publishes no durations ("mass send banned N days" is not in
 * the sources), so every step is configuration with documented defaults; service accounts get
 * a shorter, stricter ladder (the seed: "stricter enforcement"). Pure: no I/O.
 */
import { RESTRICTION_IDS, type Restriction } from '../../accounts/rules/capabilities.js';

export const PENALTIES = ['warning', 'content_removed', 'restricted', 'suspended', 'banned'] as const;
export type Penalty = (typeof PENALTIES)[number];

/** One step: the penalty, the restrictions it imposes and for how many days (null: none / permanent). */
export interface LadderStep {
  penalty: Penalty;
  restrictions: Restriction[];
  days: number | null;
}

/** Everything enforcement reads from configuration (the platform setting `enforcement.policy`). */
export interface EnforcementPolicy {
  ladders: { subscription: LadderStep[]; service: LadderStep[] };
  /** Violations older than this no longer count as strikes. */
  strikeWindowDays: number;
  /** Reports by this many different followers within the window make one violation. */
  reports: { threshold: number; windowHours: number };
  /** Inquiries unanswered this long are late; this many late inquiries at once make one violation (at most one a day). */
  response: { hours: number; threshold: number };
  /** Days an account has to appeal a record (once). */
  appealDays: number;
}

const step = (penalty: Penalty, restrictions: Restriction[] = [], days: number | null = null): LadderStep => ({ penalty, restrictions, days });

/** The documented defaults (docs/ACCOUNTS.md, "Enforcement"). */
export const DEFAULT_POLICY: EnforcementPolicy = {
  ladders: {
    subscription: [
      step('warning'),
      step('content_removed'),
      step('restricted', ['broadcast'], 7),
      step('restricted', ['broadcast', 'search'], 30),
      step('suspended', ['account', 'search'], 30),
      step('banned'),
    ],
    service: [
      step('warning'),
      step('restricted', ['broadcast', 'template'], 7),
      step('restricted', ['broadcast', 'template', 'kf', 'search'], 30),
      step('suspended', ['account', 'search'], 30),
      step('banned'),
    ],
  },
  strikeWindowDays: 180,
  reports: { threshold: 3, windowHours: 7 * 24 },
  response: { hours: 48, threshold: 3 },
  appealDays: 7,
};

/** The step of the `strike`-th violation (1-based) of an account of this type: the last step repeats. */
export function stepFor(policy: EnforcementPolicy, type: string, strike: number): LadderStep {
  const ladder = type === 'service' ? policy.ladders.service : policy.ladders.subscription;
  return ladder[Math.min(Math.max(strike, 1), ladder.length) - 1];
}

/** When a step's restrictions end, from `at` (null for steps without an end). */
export function stepEnd(s: LadderStep, at: Date): Date | null {
  return s.days === null || s.restrictions.length === 0 ? null : new Date(at.getTime() + s.days * 86_400_000);
}

/**
 * An account's restrictions from the records that stand (not overturned on appeal): for each
 * restriction the latest end. Rebuilt from every standing record, so an overturned record's
 * restrictions go while the others stay.
 */
export function restrictionsOf(records: ReadonlyArray<{ restrictions: readonly string[]; endsAt: Date | null }>): Partial<Record<Restriction, string>> {
  const out: Partial<Record<Restriction, string>> = {};
  for (const r of records) {
    if (!r.endsAt) continue;
    for (const name of r.restrictions) {
      if (!(RESTRICTION_IDS as readonly string[]).includes(name)) continue;
      const prev = out[name as Restriction];
      if (!prev || Date.parse(prev) < r.endsAt.getTime()) out[name as Restriction] = r.endsAt.toISOString();
    }
  }
  return out;
}

const ladderStep = (raw: unknown): LadderStep | null => {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  if (!(PENALTIES as readonly string[]).includes(o.penalty as string)) return null;
  const restrictions = Array.isArray(o.restrictions) ? o.restrictions : [];
  if (!restrictions.every((r) => (RESTRICTION_IDS as readonly unknown[]).includes(r))) return null;
  const days = o.days === null || o.days === undefined ? null : o.days;
  if (days !== null && !(Number.isInteger(days) && (days as number) >= 1 && (days as number) <= 3650)) return null;
  if (o.penalty === 'restricted' && (restrictions.length === 0 || days === null)) return null;
  return { penalty: o.penalty as Penalty, restrictions: [...new Set(restrictions as Restriction[])], days: days as number | null };
};

const ladderOf = (raw: unknown): LadderStep[] | null => {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 20) return null;
  const steps = raw.map(ladderStep);
  return steps.every((s): s is LadderStep => s !== null) ? steps : null;
};

const objectOf = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const intIn = (v: unknown, min: number, max: number): number | null => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : null);

/**
 * The policy a stored value describes, each part falling back to the default where it is
 * missing or not usable (a hand-edited setting never breaks enforcement).
 */
export function policyFrom(stored: unknown): EnforcementPolicy {
  const p = objectOf(stored);
  const ladders = objectOf(p.ladders);
  const reports = objectOf(p.reports);
  const response = objectOf(p.response);
  const d = DEFAULT_POLICY;
  return {
    ladders: {
      subscription: ladderOf(ladders.subscription) ?? d.ladders.subscription,
      service: ladderOf(ladders.service) ?? d.ladders.service,
    },
    strikeWindowDays: intIn(p.strikeWindowDays, 1, 3650) ?? d.strikeWindowDays,
    reports: {
      threshold: intIn(reports.threshold, 1, 1000) ?? d.reports.threshold,
      windowHours: intIn(reports.windowHours, 1, 24 * 365) ?? d.reports.windowHours,
    },
    response: {
      hours: intIn(response.hours, 1, 24 * 30) ?? d.response.hours,
      threshold: intIn(response.threshold, 1, 10_000) ?? d.response.threshold,
    },
    appealDays: intIn(p.appealDays, 1, 365) ?? d.appealDays,
  };
}
