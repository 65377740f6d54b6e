import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Button, Input } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import type { ConsoleClock } from '../../../../src/surfaces/console/clockRoutes.js';
import './clock.css';

/** The clock's query key: refreshed after each move, and every minute against drift. */
const CLOCK_KEY = ['clock'] as const;

const UNITS = { minutes: 60, hours: 3600, days: 86_400 } as const;
type Unit = keyof typeof UNITS;
const UNIT_LABELS: Record<Unit, string> = { minutes: 'clock.minutes', hours: 'clock.hours', days: 'clock.days' };

/** The Herald clock as it ticks in the browser: the server's now plus the time since it was read. */
function useTickingNow(clock: ConsoleClock | undefined, readAt: number): number | null {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), 1000);
    return () => window.clearInterval(timer);
  }, []);
  if (!clock) return null;
  return Date.parse(clock.now) + (Date.now() - readAt);
}

/**
 * The emulator's clock in the top bar (China time, the zone named), ticking, with buttons that
 * move it forward: 1 hour, 1 day, to the next China midnight, or any amount. After a move every
 * cached answer is fetched again, so pages that depend on time (windows, quotas, schedules)
 * show the new now. Shown only where the server has a movable clock (emulator mode).
 */
export function HeraldClock() {
  const queryClient = useQueryClient();
  const clock = useQuery({
    queryKey: CLOCK_KEY,
    queryFn: ({ signal }) => consoleApi.get<ConsoleClock>('/clock', { signal }),
    retry: false,
    refetchInterval: 60_000,
  });
  const now = useTickingNow(clock.data, clock.dataUpdatedAt);
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('2');
  const [unit, setUnit] = useState<Unit>('days');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const panelId = useId();
  const amountId = useId();
  const unitId = useId();
  const wrap = useRef<HTMLDivElement>(null);

  // Escape or a click outside closes the panel.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => wrap.current && !wrap.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  // Platform mode (or an older server): no clock to show.
  if (clock.isError || now === null) return null;

  const advance = async (body: { seconds: number } | { to: 'next_china_midnight' }) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const next = await consoleApi.post<ConsoleClock>('/clock/advance', body);
      queryClient.setQueryData(CLOCK_KEY, next);
      setDone(t('clock.movedTo', { time: formatTime(next.now) }));
      // Everything else may depend on the time: fetch it again.
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== CLOCK_KEY[0] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const custom = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(amount);
    if (!Number.isFinite(n) || n <= 0) {
      setError(t('clock.enterAPositive'));
      return;
    }
    void advance({ seconds: Math.round(n * UNITS[unit]) });
  };

  return (
    <div className="herald-clock" ref={wrap}>
      <span className="herald-clock-now" title={t('clock.heraldTime')}>
        <span className="herald-clock-label">{t('clock.heraldTime')}</span>
        <time dateTime={new Date(now).toISOString()}>{formatTime(now, 'seconds')}</time>
      </span>
      <Button size="sm" variant="secondary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} title={formatTime(now)}>
        {/* Phone-size screens show hours and minutes on the button instead of the clock beside it. */}
        <span className="herald-clock-compact" aria-hidden="true">{formatTime(now, 'time')}</span>
        <span className="herald-clock-button-text">{t('clock.timeTravel')}</span>
      </Button>
      {open && (
        <div className="herald-clock-panel" id={panelId} role="group" aria-label={t('clock.moveTheClock')}>
          <p className="muted small herald-clock-hint">{t('clock.movesForEveryone')}</p>
          <div className="herald-clock-quick">
            <Button size="sm" disabled={busy} onClick={() => void advance({ seconds: 3600 })}>{t('clock.plusOneHour')}</Button>
            <Button size="sm" disabled={busy} onClick={() => void advance({ seconds: 86_400 })}>{t('clock.plusOneDay')}</Button>
            <Button size="sm" disabled={busy} onClick={() => void advance({ to: 'next_china_midnight' })}>{t('clock.toNextMidnight')}</Button>
          </div>
          <form className="herald-clock-custom" onSubmit={custom}>
            <label htmlFor={amountId} className="small">{t('clock.forwardBy')}</label>
            <Input id={amountId} type="number" min="1" step="any" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} className="herald-clock-amount" />
            <select id={unitId} aria-label={t('clock.unit')} className="input herald-clock-unit" value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
              {(Object.keys(UNITS) as Unit[]).map((u) => (
                <option key={u} value={u}>{t(UNIT_LABELS[u])}</option>
              ))}
            </select>
            <Button type="submit" size="sm" variant="primary" loading={busy}>{t('clock.moveForward')}</Button>
          </form>
          <div aria-live="polite" className="herald-clock-result">
            {error && <p className="herald-clock-error" role="alert">{error}</p>}
            {done && <p className="small">{done}</p>}
          </div>
        </div>
      )}
    </div>
  );
}
