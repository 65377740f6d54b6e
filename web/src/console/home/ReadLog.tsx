import { useState } from 'react';
import { Alert, Card, Loading } from '../../ui/index.js';
import { useAccountData } from '../queries.js';
import type { ReadLog as ReadLogData } from './types.js';
import { t } from '../../i18n/index.js';

const SPANS = [7, 30] as const;

/**
 * 首页's read log: reads of the account's article pages per China calendar day over the last 7
 * or 30 days, as a list of bars (a table: each day's number is read out, the bar only draws it).
 */
export function ReadLog({ appid }: { appid: string }) {
  const [days, setDays] = useState<(typeof SPANS)[number]>(7);
  const log = useAccountData<{ read_log: ReadLogData }>(appid, `/read-log?days=${days}`, { refetchInterval: 60_000 });
  const data = log.data?.read_log;
  const max = Math.max(1, ...(data?.days.map((d) => d.reads) ?? []));
  return (
    <Card
      title={t('home.readLog')}
      description={data ? t('home.readLogTotal', { days, total: data.total }) : undefined}
      actions={
        <div className="segmented" role="group" aria-label={t('home.readLogSpan')}>
          {SPANS.map((n) => (
            <button key={n} type="button" className={`segmented-btn ${n === days ? 'active' : ''}`} aria-pressed={n === days} onClick={() => setDays(n)}>
              {t('home.lastDays', { days: n })}
            </button>
          ))}
        </div>
      }
    >
      {log.error && <Alert tone="error">{log.error.message}</Alert>}
      {!data && !log.error && <Loading />}
      {data && (
        <table className={`read-log read-log-${days}`} data-testid="read-log">
          <caption className="sr-only">{t('home.readLogCaption', { days })}</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">{t('home.day')}</th>
              <th scope="col">{t('home.reads')}</th>
            </tr>
          </thead>
          <tbody>
            {data.days.map((d) => (
              <tr key={d.day} data-day={d.day}>
                <th scope="row" className="read-log-day">
                  {d.day.slice(5)}
                </th>
                <td className="read-log-bar-cell">
                  <span className="read-log-bar" style={{ width: `${(d.reads / max) * 100}%` }} aria-hidden="true" />
                  <span className="read-log-value">{d.reads.toLocaleString()}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
