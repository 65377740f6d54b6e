import { useState, type ReactNode } from 'react';
import { consoleApi } from '../api.js';
import { Alert, Button, Card, Checkbox, Field, TextArea, useToast } from '../../ui/index.js';

/** The words of one review's decision form, already in the reader's language. */
export interface DecisionWords {
  title: string;
  /** The legend of the reasons (unused when none are offered). */
  reasons: string;
  note: string;
  couldNotDecide: string;
  approve: string;
  reject: string;
  approvedToast: string;
  rejectedToast: string;
}

/**
 * A reviewer's decision, the same on every review page of the platform administrator: approve, or
 * reject with one or more of the reasons offered (none: no list) and a note. `body` shapes the
 * request (default `{decision, reasons, note}`); `children` add what the reviewer reads or sets
 * above the note; `canReject` says when rejecting is allowed (default: at least one reason).
 */
export function DecisionForm({
  endpoint,
  reasons: offered,
  words,
  decided,
  refusalText,
  body = (decision, reasons, note) => ({ decision, reasons: decision === 'reject' ? reasons : [], note }),
  canReject = (reasons) => reasons.length > 0,
  description,
  children,
}: {
  endpoint: string;
  reasons: Array<{ value: string; label: string }>;
  words: DecisionWords;
  decided(): void;
  refusalText(err: unknown): string;
  body?: (decision: 'approve' | 'reject', reasons: string[], note: string) => Record<string, unknown>;
  canReject?: (reasons: string[], note: string) => boolean;
  description?: string;
  children?: ReactNode;
}) {
  const toast = useToast();
  const [reasons, setReasons] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(decision);
    setError(null);
    try {
      await consoleApi.post(endpoint, body(decision, reasons, note));
      toast.show(decision === 'approve' ? words.approvedToast : words.rejectedToast, 'success');
      decided();
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title={words.title} description={description}>
      {offered.length > 0 && (
        <fieldset className="radio-group">
          <legend className="field-label">{words.reasons}</legend>
          {offered.map((r) => (
            <Checkbox key={r.value} label={r.label} checked={reasons.includes(r.value)} onChange={(on) => setReasons((cur) => (on ? [...cur, r.value] : cur.filter((x) => x !== r.value)))} />
          ))}
        </fieldset>
      )}
      {children}
      <Field label={words.note}>
        {(p) => <TextArea {...p} name="note" rows={3} className="prose" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />}
      </Field>
      {error && <Alert tone="error" title={words.couldNotDecide}>{error}</Alert>}
      <div className="form-actions">
        <Button variant="primary" loading={busy === 'approve'} onClick={() => void decide('approve')}>{words.approve}</Button>
        <Button variant="danger" loading={busy === 'reject'} disabled={!canReject(reasons, note)} onClick={() => void decide('reject')}>{words.reject}</Button>
      </div>
    </Card>
  );
}
