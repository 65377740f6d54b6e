import { nextChinaDayStart } from '../../../platform/clock.js';

/**
 * The time filters of 消息管理 (今天, 昨天, 前天, 最近5天, 全部), in China calendar days as the MP
 * backend counts them. Pure: time comes in as `nowMs`.
 */
export const MESSAGE_RANGES = ['today', 'yesterday', 'day_before', 'last5', 'all'] as const;
export type MessageRange = (typeof MESSAGE_RANGES)[number];

/** The page opens on the last 5 days, as the MP backend's does. */
export const DEFAULT_MESSAGE_RANGE: MessageRange = 'last5';

const DAY = 86_400_000;

/** The instants a range covers: from (inclusive) and to (exclusive); either may be open. */
export function rangeBounds(range: MessageRange, nowMs: number): { from: Date | null; to: Date | null } {
  const today = nextChinaDayStart(nowMs) - DAY;
  const at = (ms: number) => new Date(ms);
  switch (range) {
    case 'today':
      return { from: at(today), to: null };
    case 'yesterday':
      return { from: at(today - DAY), to: at(today) };
    case 'day_before':
      return { from: at(today - 2 * DAY), to: at(today - DAY) };
    case 'last5':
      // Today and the four days before it.
      return { from: at(today - 4 * DAY), to: null };
    default:
      return { from: null, to: null };
  }
}
