import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Badge, Button, Card, Dialog, EmptyState, Table, useToast, type Column } from '../../ui/index.js';
import { KeywordRuleDialog } from './KeywordRuleDialog.js';
import { replySummary, type AutoRepliesView, type Rule } from './types.js';
import { t } from '../../i18n/index.js';

/** Keyword rules in priority order: the first rule whose keyword matches answers. */
export function KeywordRules({ appid, view, readOnly, onChanged }: {
  appid: string;
  view: AutoRepliesView;
  readOnly: boolean;
  onChanged(): void;
}) {
  const toast = useToast();
  const rules = view.keyword_rules;
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/accounts/${appid}/auto-replies/keyword-rules`;

  const move = async (i: number, delta: -1 | 1) => {
    const ids = rules.map((r) => r.id);
    [ids[i], ids[i + delta]] = [ids[i + delta], ids[i]];
    try {
      await consoleApi.put(`${base}/order`, { ids });
      onChanged();
    } catch (err) {
      toast.show(errorMessage(err), 'error');
      onChanged();
    }
  };

  const remove = async (rule: Rule) => {
    setBusy(true);
    try {
      await consoleApi.delete(`${base}/${rule.id}`);
      toast.show(t('autoreply.ruleDeleted'));
      setDeleting(null);
      onChanged();
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  const columns: Column<Rule>[] = [
    { key: 'n', header: '#', className: 'num', width: '36px', render: (r) => rules.indexOf(r) + 1 },
    {
      key: 'rule',
      header: t('autoreply.keywords'),
      render: (r) => (
        <div>
          {r.name && <div className="kw-rule-name">{r.name}</div>}
          <div className="kw-chips kw-chips-inline">
            {r.keywords.map((k) => (
              <span key={k.text} className={`kw-chip kw-${k.match}`} title={k.match === 'exact' ? t('autoreply.exactMatch') : t('autoreply.contains')}>
                <span className="kw-text">{k.text}</span>
                <span className="kw-match-static">{k.match === 'exact' ? t('autoreply.exact') : t('autoreply.contains')}</span>
              </span>
            ))}
          </div>
        </div>
      ),
    },
    {
      key: 'replies',
      header: t('autoreply.replies'),
      render: (r) => (
        <div className="kw-replies">
          <span className="muted small">
            {t('autoreply.replyCount', { count: r.replies.length })} · {r.reply_mode === 'all' ? t('autoreply.all') : t('autoreply.oneAtRandom')}
          </span>
          <span className="kw-reply-first">{r.replies[0] ? replySummary(r.replies[0]) : ''}</span>
        </div>
      ),
    },
    { key: 'status', header: t('autoreply.status'), render: (r) => (r.enabled ? <Badge tone="green">{t('autoreply.on')}</Badge> : <Badge>{t('autoreply.off')}</Badge>) },
  ];
  if (!readOnly) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">{t('autoreply.actions')}</span>,
      className: 'nowrap kw-actions',
      render: (r) => {
        const i = rules.indexOf(r);
        const label = r.name || r.keywords[0]?.text || `rule ${i + 1}`;
        return (
          <>
            <Button size="sm" variant="ghost" disabled={i === 0} onClick={() => void move(i, -1)} aria-label={t('autoreply.moveUp', { label })}>↑</Button>
            <Button size="sm" variant="ghost" disabled={i === rules.length - 1} onClick={() => void move(i, 1)} aria-label={t('autoreply.moveDown', { label })}>↓</Button>
            <Button size="sm" onClick={() => setEditing(r)} aria-label={t('autoreply.edit2', { label })}>{t('autoreply.edit')}</Button>
            <Button size="sm" variant="danger" onClick={() => setDeleting(r)} aria-label={t('autoreply.delete2', { label })}>{t('autoreply.delete')}</Button>
          </>
        );
      },
    });
  }

  return (
    <Card
      className="card-flush"
      title={t('autoreply.keywordReplies')}
      description={t('autoreply.whenATextMessage', { length: rules.length, keyword_rules: view.limits.keyword_rules })}
      actions={
        !readOnly && (
          <Button variant="primary" size="sm" onClick={() => setEditing('new')} disabled={rules.length >= view.limits.keyword_rules}>
            {t('autoreply.addRule2')}
          </Button>
        )
      }
    >
      <Table
        label={t('autoreply.keywordRules')}
        columns={columns}
        rows={rules}
        rowKey={(r) => r.id}
        empty={<EmptyState title={t('autoreply.noKeywordRules')}>{t('autoreply.addARuleTo')}</EmptyState>}
      />
      {editing && (
        <KeywordRuleDialog
          appid={appid}
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            toast.show(editing === 'new' ? t('autoreply.ruleAdded') : t('autoreply.ruleSaved'));
            setEditing(null);
            onChanged();
          }}
        />
      )}
      <Dialog
        open={deleting !== null}
        title={t('autoreply.deleteThisRule')}
        onClose={() => setDeleting(null)}
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>{t('autoreply.cancel')}</Button>
            <Button variant="primary" className="btn-danger-solid" loading={busy} onClick={() => deleting && void remove(deleting)}>
              {t('autoreply.deleteRule')}
            </Button>
          </>
        }
      >
        <p className="dialog-lead">{t('autoreply.messagesWithItsKeywords')}</p>
      </Dialog>
    </Card>
  );
}
