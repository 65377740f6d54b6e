import { Card, EmptyState, Table, type Column } from '../../ui/index.js';
import { dateTime } from '../format.js';
import { span } from './time.js';
import type { BoardEntry, InboxView } from './types.js';
import { t } from '../../i18n/index.js';

const columns = (nowMs: number): Column<BoardEntry>[] => [
  {
    key: 'follower',
    header: t('inbox.follower'),
    render: (e) => (
      <span className="board-follower">
        <span className="queue-avatar" aria-hidden="true">{[...(e.remark || e.nickname)][0]?.toUpperCase() ?? '?'}</span>
        <span>{e.remark || e.nickname}</span>
      </span>
    ),
  },
  { key: 'who', header: t('inbox.representative2'), render: (e) => (e.status === 'waiting' ? <span className="muted">{t('inbox.inTheQueue')}</span> : (e.kf_nickname ?? e.kf_account)) },
  { key: 'asked', header: t('inbox.asked'), className: 'nowrap', render: (e) => dateTime(e.response.asked_at) },
  { key: 'waiting', header: t('inbox.unansweredFor'), className: 'nowrap board-wait', render: (e) => span(e.response.waiting_ms) },
  {
    key: 'due',
    header: t('inbox.answerDue'),
    className: 'nowrap',
    render: (e) => {
      if (!e.response.due_at) return '—';
      const left = new Date(e.response.due_at).getTime() - nowMs;
      return left <= 0 ? <strong className="board-late">{t('inbox.late', { value: span(-left) })}</strong> : `in ${span(left)}`;
    },
  },
];

/**
 * The response-time board: every open inquiry must be answered within 48 hours. Overdue ones
 * are red, those unanswered for more than 24 hours amber; a row opens the conversation.
 */
export function ResponseBoardView({ board, nowMs, onOpen }: { board: InboxView['board']; nowMs: number; onOpen(openid: string): void }) {
  const cols = columns(nowMs);
  const section = (tone: 'overdue' | 'at_risk' | 'waiting', title: string, description: string, rows: BoardEntry[]) => (
    <Card className={`board-card board-${tone}`} title={`${title} (${rows.length})`} description={description}>
      <Table
        label={title}
        columns={cols}
        rows={rows}
        rowKey={(e) => e.openid}
        onRowClick={(e) => onOpen(e.openid)}
        empty={<EmptyState title={t('inbox.none')} />}
      />
    </Card>
  );
  return (
    <div className="board">
      <div className="board-summary" role="status">
        <span className="board-stat overdue"><strong>{board.overdue.length}</strong> {t('inbox.overdue3')}</span>
        <span className="board-stat at_risk"><strong>{board.at_risk.length}</strong> {t('inbox.atRisk3')}</span>
        <span className="board-stat"><strong>{board.waiting.length}</strong> {t('inbox.waitingUnder24H')}</span>
        <span className="board-stat"><strong>{board.answered_count}</strong> {t('inbox.answered')}</span>
      </div>
      {section('overdue', t('inbox.overdue2'), t('inbox.unansweredFor48Hours'), board.overdue)}
      {section('at_risk', t('inbox.atRisk2'), t('inbox.unansweredForMoreThan'), board.at_risk)}
      {section('waiting', t('inbox.waiting'), t('inbox.unansweredFor24Hours'), board.waiting)}
    </div>
  );
}
