/**
 * Push quotas and schedules follow the China calendar (Asia/Shanghai, UTC+8 all year), so the
 * composer shows and takes those times in China time whatever the operator's own time zone.
 */
import { formatTime } from '../../i18n/time.js';

/** "25 Nov 00:00" (English) or "11月25日 00:00" (Chinese) in China time. */
export const chinaShort = (iso: string | null | undefined): string => formatTime(iso, 'short');

/** "2026-11-25 10:30:05 (UTC+8)" in China time, for detail views. */
export const chinaFull = (iso: string | null | undefined): string => formatTime(iso, 'seconds');
