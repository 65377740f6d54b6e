import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { formatTime } from '../../i18n/time.js';
import { consoleApi } from '../api.js';
import { Button, Card, Checkbox, Field, TextArea, useToast } from '../../ui/index.js';
import { t } from '../../i18n/index.js';
import type { WebDomainsView } from '../../../../src/modules/webauth/console/presenters.js';

/** The month's edits are used up: how many there are and when the next natural month starts. */
function editLimitMessage(details: Record<string, unknown> | undefined): string {
  const at = typeof details?.next_month_at === 'string' ? details.next_month_at : null;
  return t('webauth.editLimit', { limit: typeof details?.limit === 'number' ? details.limit : 3, date: formatTime(at, 'date') });
}

type Kind = WebDomainsView['kinds'][number];

const parse = (text: string) => text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);

const TITLES: Record<string, () => string> = {
  oauth: () => t('webauth.oauthDomains'),
  jsapi: () => t('webauth.jsapiDomains'),
  business: () => t('webauth.businessDomains'),
};

/** One kind of domain: the list as text, one per line, saved after the MP_verify check. */
export function DomainsCard({ appid, kind, emulator, onSaved }: { appid: string; kind: Kind; emulator: boolean; onSaved(next: WebDomainsView): void }) {
  const toast = useToast();
  const saved = kind.domains.map((d) => d.domain).join('\n');
  const [text, setText] = useState(saved);
  const [skip, setSkip] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(saved), [saved]);
  const entries = parse(text);
  const dirty = entries.join('\n') !== saved;

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await consoleApi.put<{ web: WebDomainsView }>(`/accounts/${appid}/web-domains/${kind.kind}`, { domains: entries, ...(emulator && skip ? { skip_verification: true } : {}) });
      onSaved(res.web);
      toast.show(t('webauth.saved'));
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'domain_edit_limit' ? editLimitMessage(err.details) : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={(TITLES[kind.kind] ?? TITLES.business)()} description={kind.kind === 'oauth' ? t('webauth.oauthHint', { limit: kind.limit }) : t('webauth.jsapiHint', { limit: kind.limit })}>
      <Field label={t('webauth.domains')} hint={t('webauth.onePerLine')} error={error}>
        {(p) => (
          <TextArea
            {...p}
            name={`domains-${kind.kind}`}
            rows={Math.min(5, kind.limit)}
            value={text}
            spellCheck={false}
            placeholder={kind.kind === 'oauth' ? t('webauth.placeholderDomain') : t('webauth.placeholderPaths')}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
      {emulator && <Checkbox label={t('webauth.skipVerification')} checked={skip} onChange={setSkip} />}
      <div className="form-actions">
        <Button variant="primary" onClick={() => void save()} loading={busy} disabled={!dirty && !error}>
          {t('webauth.save')}
        </Button>
        {kind.domains.some((d) => d.verified_at === null) && <span className="muted small">{t('webauth.someUnverified')}</span>}
      </div>
    </Card>
  );
}
