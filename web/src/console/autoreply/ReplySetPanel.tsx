import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Alert, Badge, Button, Card, Checkbox, useToast } from '../../ui/index.js';
import { validateReplySet } from '../../../../src/modules/autoreplies/rules.js';
import { RepliesEditor } from './RepliesEditor.js';
import { emptyReply, replyDraft, replyPayload, type ReplyDraft, type Rule } from './types.js';
import { t } from '../../i18n/index.js';

const COPY = {
  subscribe: {
    title: t('autoreply.replyOnFollow'),
    description: t('autoreply.sentToEveryoneWho'),
    saved: t('autoreply.followReplySaved'),
    removed: t('autoreply.followReplyRemoved'),
  },
  default: {
    title: t('autoreply.messageReply'),
    description: t('autoreply.sentWhenAMessage'),
    saved: t('autoreply.messageReplySaved'),
    removed: t('autoreply.messageReplyRemoved'),
  },
} as const;

/** The follow reply or the default reply: replies, an on/off switch, save and remove. */
export function ReplySetPanel({ appid, kind, rule, readOnly, onChanged }: {
  appid: string;
  kind: 'subscribe' | 'default';
  rule: Rule | null;
  readOnly: boolean;
  onChanged(): void;
}) {
  const toast = useToast();
  const initial = () => (rule ? rule.replies.map(replyDraft) : [emptyReply()]);
  const [replies, setReplies] = useState<ReplyDraft[]>(initial);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState<'save' | 'remove' | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);

  useEffect(() => {
    setReplies(rule ? rule.replies.map(replyDraft) : [emptyReply()]);
    setEnabled(rule?.enabled ?? true);
    setTouched(false);
    // Only a different saved rule resets the form.
  }, [rule]);

  const body = { replies: replies.map(replyPayload), enabled };
  const check = validateReplySet(body);
  const error = touched && !check.ok ? { at: check.at, message: check.message } : null;
  const url = `/accounts/${appid}/auto-replies/${kind}`;

  const save = async () => {
    setTouched(true);
    setServerError(null);
    if (!check.ok) return;
    setBusy('save');
    try {
      await consoleApi.put(url, body);
      toast.show(COPY[kind].saved);
      onChanged();
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    setBusy('remove');
    setServerError(null);
    try {
      await consoleApi.delete(url);
      toast.show(COPY[kind].removed);
      onChanged();
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={COPY[kind].title}
      description={COPY[kind].description}
      actions={rule ? (rule.enabled ? <Badge tone="green">{t('autoreply.on')}</Badge> : <Badge>{t('autoreply.off')}</Badge>) : <Badge>{t('autoreply.notSet')}</Badge>}
    >
      <RepliesEditor appid={appid} replies={replies} onChange={(r) => setReplies(r)} error={error} readOnly={readOnly} label={t('autoreply.replies3', { title: COPY[kind].title })} />
      {!readOnly && (
        <>
          <div className="reply-switch">
            <Checkbox label={t('autoreply.sendThisReply')} checked={enabled} onChange={setEnabled} hint={t('autoreply.turnItOffTo')} />
          </div>
          {serverError && (
            <div className="reply-server-error">
              <Alert tone="error" title={t('autoreply.notSaved')}>{serverError}</Alert>
            </div>
          )}
          <div className="form-actions">
            <Button variant="primary" onClick={() => void save()} loading={busy === 'save'} disabled={busy !== null}>
              {t('autoreply.save')}
            </Button>
            {rule && (
              <Button variant="danger" onClick={() => void remove()} loading={busy === 'remove'} disabled={busy !== null}>
                {t('autoreply.remove')}
              </Button>
            )}
          </div>
        </>
      )}
    </Card>
  );
}
