import { type SQL, sql } from 'drizzle-orm';

/** How a report groups its rows: by China day, ISO week (dated by its Monday) or month. */
export type Period = 'day' | 'week' | 'month';

/** A timestamptz column as China local time (Asia/Shanghai is UTC+8 all year, no DST). */
const local = (column: SQL | unknown) => sql`((${column} at time zone 'UTC') + interval '8 hours')`;

/** The report date of a timestamp: its China day, or the Monday / first day of its week / month. */
export function periodOf(column: unknown, period: Period): SQL<string> {
  if (period === 'day') return sql<string>`to_char(${local(column)}, 'YYYY-MM-DD')`;
  return sql<string>`to_char(date_trunc(${sql.raw(`'${period}'`)}, ${local(column)}), 'YYYY-MM-DD')`;
}

/** The China hour (0–23) of a timestamp. */
export function hourOf(column: unknown): SQL<number> {
  return sql<number>`extract(hour from ${local(column)})::int`;
}

/**
 * The hour column of a report that is not hourly: a constant expression (a bare `0` in GROUP BY
 * would name the select list's position 0).
 */
export const NO_HOUR: SQL<number> = sql<number>`(0)::int`;

/** A CASE expression mapping a text column through a constant table (keys are code constants, not input). */
export function caseOf(column: unknown, table: Readonly<Record<string, number>>, otherwise: number | null): SQL<number> {
  const whens = Object.entries(table).map(([k, v]) => sql.raw(` when '${k.replace(/'/g, "''")}' then ${Number(v)}`));
  return sql<number>`(case ${column}${sql.join(whens, sql``)}${sql.raw(otherwise === null ? '' : ` else ${Number(otherwise)}`)} end)`;
}
