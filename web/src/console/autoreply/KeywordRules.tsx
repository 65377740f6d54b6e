import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Badge, Button, Card, Dialog, EmptyState, Table, useToast, type Column } from '../../ui/index.js';
import { KeywordRuleDialog } from './KeywordRuleDialog.js';
import { replySummary, type AutoRepliesView, type Rule } from './types.js';

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
      toast.show('Rule deleted');
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
      header: 'Keywords',
      render: (r) => (
        <div>
          {r.name && <div className="kw-rule-name">{r.name}</div>}
          <div className="kw-chips kw-chips-inline">
            {r.keywords.map((k) => (
              <span key={k.text} className={`kw-chip kw-${k.match}`} title={k.match === 'exact' ? 'Exact match' : 'Contains'}>
                <span className="kw-text">{k.text}</span>
                <span className="kw-match-static">{k.match === 'exact' ? 'Exact' : 'Contains'}</span>
              </span>
            ))}
          </div>
        </div>
      ),
    },
    {
      key: 'replies',
      header: 'Replies',
      render: (r) => (
        <div className="kw-replies">
          <span className="muted small">
            {r.replies.length} {r.replies.length === 1 ? 'reply' : 'replies'} · {r.reply_mode === 'all' ? 'all' : 'one at random'}
          </span>
          <span className="kw-reply-first">{r.replies[0] ? replySummary(r.replies[0]) : ''}</span>
        </div>
      ),
    },
    { key: 'status', header: 'Status', render: (r) => (r.enabled ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>) },
  ];
  if (!readOnly) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      className: 'nowrap kw-actions',
      render: (r) => {
        const i = rules.indexOf(r);
        const label = r.name || r.keywords[0]?.text || `rule ${i + 1}`;
        return (
          <>
            <Button size="sm" variant="ghost" disabled={i === 0} onClick={() => void move(i, -1)} aria-label={`Move ${label} up`}>↑</Button>
            <Button size="sm" variant="ghost" disabled={i === rules.length - 1} onClick={() => void move(i, 1)} aria-label={`Move ${label} down`}>↓</Button>
            <Button size="sm" onClick={() => setEditing(r)} aria-label={`Edit ${label}`}>Edit</Button>
            <Button size="sm" variant="danger" onClick={() => setDeleting(r)} aria-label={`Delete ${label}`}>Delete</Button>
          </>
        );
      },
    });
  }

  return (
    <Card
      className="card-flush"
      title="Keyword replies"
      description={`When a text message matches a keyword, the first matching rule answers (top to bottom). ${rules.length} of ${view.limits.keyword_rules} rules.`}
      actions={
        !readOnly && (
          <Button variant="primary" size="sm" onClick={() => setEditing('new')} disabled={rules.length >= view.limits.keyword_rules}>
            + Add rule
          </Button>
        )
      }
    >
      <Table
        label="Keyword rules"
        columns={columns}
        rows={rules}
        rowKey={(r) => r.id}
        empty={<EmptyState title="No keyword rules">Add a rule to answer messages such as “hours” or “price”.</EmptyState>}
      />
      {editing && (
        <KeywordRuleDialog
          appid={appid}
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            toast.show(editing === 'new' ? 'Rule added' : 'Rule saved');
            setEditing(null);
            onChanged();
          }}
        />
      )}
      <Dialog
        open={deleting !== null}
        title="Delete this rule?"
        onClose={() => setDeleting(null)}
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>Cancel</Button>
            <Button variant="primary" className="btn-danger-solid" loading={busy} onClick={() => deleting && void remove(deleting)}>
              Delete rule
            </Button>
          </>
        }
      >
        <p className="dialog-lead">Messages with its keywords get the next matching rule, or the message reply.</p>
      </Dialog>
    </Card>
  );
}
