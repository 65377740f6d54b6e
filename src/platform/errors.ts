/**
 * A domain error with a stable code. Each surface has one formatter: the console answers
 * `{error: {code, message}}` with an HTTP status from `httpStatusOf`, the simulator likewise,
 * and the WeChat surface maps codes to errcodes where WeChat has one.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const STATUS: Record<string, number> = {
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  csrf: 403,
  rate_limited: 429,
};

/** HTTP status for a domain error code: 404/401/403/409/429 for those, 400 for the rest. */
export function httpStatusOf(code: string): number {
  return STATUS[code] ?? 400;
}

/** Maps database error codes in one place (PostgreSQL SQLSTATE). */
export function dbErrorCode(err: unknown): 'unique_violation' | 'foreign_key_violation' | undefined {
  const code = (err as { code?: string; cause?: { code?: string } })?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  if (code === '23505') return 'unique_violation';
  if (code === '23503') return 'foreign_key_violation';
  return undefined;
}
