import { useState, type KeyboardEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { useToast } from '../../ui/index.js';
import { REMARK_MAX_CHARS } from '../../../../src/modules/followers/rules/audience.js';
import { t } from '../../i18n/index.js';

/** A follower's remark, edited in place: click to edit, Enter to save, Escape to cancel. */
export function RemarkCell({ appid, openid, nickname, remark, onSaved }: {
  appid: string;
  openid: string;
  nickname: string;
  remark: string;
  onSaved(remark: string): void;
}) {
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(remark);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const next = value.trim();
    if (next === remark) {
      setEditing(false);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await consoleApi.put(`/accounts/${appid}/followers/${encodeURIComponent(openid)}/remark`, { remark: next });
      onSaved(next);
      setEditing(false);
      toast.show(next ? t('followers.remarkSaved') : t('followers.remarkCleared'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setValue(remark);
      setError(null);
      setEditing(false);
    }
  };

  if (!editing) {
    return (
      <button
        type="button"
        className={`remark-view ${remark ? '' : 'empty'}`}
        onClick={() => {
          setValue(remark);
          setEditing(true);
        }}
        aria-label={remark ? t('followers.editRemarkOf', { nickname, remark }) : t('followers.addARemarkFor', { nickname })}
      >
        {remark || t('followers.addRemark')}
        <span className="remark-pen" aria-hidden="true">✎</span>
      </button>
    );
  }
  const tooLong = [...value.trim()].length >= REMARK_MAX_CHARS;
  return (
    <div className="remark-edit">
      <input
        className={`input remark-input ${error || tooLong ? 'invalid' : ''}`}
        value={value}
        autoFocus
        disabled={busy}
        aria-label={t('followers.remarkFor', { nickname })}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={onKey}
        onBlur={() => !busy && !error && void save()}
      />
      {(error || tooLong) && (
        <div className="field-error" role="alert">
          {error ?? t('followers.aRemarkMustBe', { REMARK_MAX_CHARS })}
        </div>
      )}
    </div>
  );
}
