import { useState, type KeyboardEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Alert, Button, Checkbox, Dialog, Field, Input, RadioGroup } from '../../ui/index.js';
import { KEYWORD_MAX_CHARS, MAX_KEYWORDS_PER_RULE, validateKeywordRule } from '../../../../src/modules/autoreplies/rules.js';
import { RepliesEditor } from './RepliesEditor.js';
import { emptyReply, replyDraft, replyPayload, type KeywordMatch, type ReplyDraft, type ReplyMode, type Rule } from './types.js';
import { t } from '../../i18n/index.js';

/** Add or edit a keyword rule: name, keywords (exact or contains), reply mode and replies. */
export function KeywordRuleDialog({ appid, rule, onClose, onSaved }: {
  appid: string;
  /** null: a new rule. */
  rule: Rule | null;
  onClose(): void;
  onSaved(rule: Rule): void;
}) {
  const [name, setName] = useState(rule?.name ?? '');
  const [keywords, setKeywords] = useState<Array<{ text: string; match: KeywordMatch }>>(rule?.keywords ?? []);
  const [entry, setEntry] = useState('');
  const [mode, setMode] = useState<ReplyMode>(rule?.reply_mode ?? 'all');
  const [replies, setReplies] = useState<ReplyDraft[]>(rule ? rule.replies.map(replyDraft) : [emptyReply()]);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

  const body = { name, keywords, reply_mode: mode, replies: replies.map(replyPayload), enabled };
  const check = validateKeywordRule(body);
  const error = !check.ok && (touched || check.at.startsWith('keywords.')) ? { at: check.at, message: check.message } : null;
  const errorAt = (prefix: string) => (error && (error.at === prefix || error.at.startsWith(`${prefix}.`)) ? error.message : null);

  const addKeyword = () => {
    const text = entry.trim();
    if (!text) return;
    setKeywords((k) => [...k, { text, match: 'exact' }]);
    setEntry('');
  };
  const onEntryKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addKeyword();
    }
  };

  const save = async () => {
    setTouched(true);
    setServerError(null);
    if (!check.ok) return;
    setBusy(true);
    try {
      const base = `/accounts/${appid}/auto-replies/keyword-rules`;
      const res = rule ? await consoleApi.put<{ rule: Rule }>(`${base}/${rule.id}`, body) : await consoleApi.post<{ rule: Rule }>(base, body);
      onSaved(res.rule);
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      width={640}
      title={rule ? t('autoreply.editKeywordRule') : t('autoreply.newKeywordRule')}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('autoreply.cancel')}</Button>
          <Button variant="primary" loading={busy} onClick={() => void save()}>
            {rule ? t('autoreply.saveRule') : t('autoreply.addRule')}
          </Button>
        </>
      }
    >
      <Field label={t('autoreply.ruleName')} hint={t('autoreply.optionalForYouOnly')} error={errorAt('name')}>
        {(p) => <Input {...p} name="rule-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} placeholder={t('autoreply.openingHours')} />}
      </Field>
      <Field
        label={t('autoreply.keywords')}
        hint={t('autoreply.upToKeywordsOf', { MAX_KEYWORDS_PER_RULE, KEYWORD_MAX_CHARS })}
        error={errorAt('keywords')}
      >
        {(p) => (
          <div className="input-group">
            <Input {...p} name="keyword" value={entry} onChange={(e) => setEntry(e.target.value)} onKeyDown={onEntryKey} placeholder={t('autoreply.typeAKeywordAnd')} />
            <Button onClick={addKeyword} disabled={!entry.trim() || keywords.length >= MAX_KEYWORDS_PER_RULE}>
              {t('autoreply.addKeyword')}
            </Button>
          </div>
        )}
      </Field>
      {keywords.length > 0 && (
        <ul className="kw-chips" aria-label={t('autoreply.keywordList')}>
          {keywords.map((k, i) => (
            <li key={`${i}-${k.text}`} className={`kw-chip kw-${k.match}`}>
              <span className="kw-text">{k.text}</span>
              <button
                type="button"
                className="kw-match"
                aria-label={k.match === 'exact' ? t('autoreply.matchExactSwitch', { text: k.text }) : t('autoreply.matchContainsSwitch', { text: k.text })}
                onClick={() => setKeywords((list) => list.map((x, j) => (j === i ? { ...x, match: x.match === 'exact' ? 'contains' : 'exact' } : x)))}
              >
                {k.match === 'exact' ? t('autoreply.exact') : t('autoreply.contains')}
              </button>
              <button type="button" className="kw-remove" aria-label={t('autoreply.removeKeyword', { text: k.text })} onClick={() => setKeywords((list) => list.filter((_, j) => j !== i))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <RadioGroup<ReplyMode>
        name="reply-mode"
        label={t('autoreply.replyWith')}
        value={mode}
        onChange={setMode}
        options={[
          { value: 'all', label: t('autoreply.allReplies'), description: t('autoreply.everyReplyInOrder') },
          { value: 'random', label: t('autoreply.oneAtRandom2'), description: t('autoreply.oneReplyPickedAt') },
        ]}
      />
      <div className="field-label kw-replies-label">{t('autoreply.replies')}</div>
      <RepliesEditor appid={appid} replies={replies} onChange={setReplies} error={error && error.at.startsWith('replies') ? error : null} readOnly={false} label={t('autoreply.ruleReplies')} />
      <div className="reply-switch">
        <Checkbox label={t('autoreply.ruleIsOn')} checked={enabled} onChange={setEnabled} />
      </div>
      {serverError && (
        <Alert tone="error" title={t('autoreply.notSaved')}>
          {serverError}
        </Alert>
      )}
    </Dialog>
  );
}
