import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Button, Card, Field, TextArea, useToast } from '../../ui/index.js';
import type { AccountDetail } from '../types.js';
import { t } from '../../i18n/index.js';

const parse = (text: string) => text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);

/** Addresses allowed to get an access_token (one per line; empty allows any). */
export function IpWhitelistCard({ account, onSaved }: { account: AccountDetail; onSaved(list: string[]): void }) {
  const toast = useToast();
  const saved = account.ip_whitelist.join('\n');
  const [text, setText] = useState(saved);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setText(saved), [saved]);

  const entries = parse(text);
  const dirty = entries.join('\n') !== saved;

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await consoleApi.put<{ ip_whitelist: string[] }>(`/accounts/${account.appid}/ip-whitelist`, { entries });
      onSaved(res.ip_whitelist);
      setText(res.ip_whitelist.join('\n'));
      toast.show(res.ip_whitelist.length ? t('developer.ipWhitelistSaved', { count: res.ip_whitelist.length }) : t('developer.ipWhitelistClearedAny'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('developer.ipWhitelist')}
      description={t('developer.onlyTheseAddressesMay')}
      actions={account.ip_whitelist.length ? <span className="muted small">{t('developer.active', { length: account.ip_whitelist.length })}</span> : <span className="muted small">{t('developer.notRestricted')}</span>}
    >
      <Field label={t('developer.addresses')} hint={t('developer.oneIpv4OrIpv6')} error={error}>
        {(p) => (
          <TextArea
            {...p}
            name="ip_whitelist"
            rows={5}
            value={text}
            spellCheck={false}
            placeholder={'203.0.113.7\n10.0.0.0/8'}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <Button variant="primary" onClick={() => void save()} loading={busy} disabled={!dirty && !error}>
          {t('developer.saveWhitelist')}
        </Button>
        {dirty && <span className="muted small">{t('developer.unsavedChanges')}</span>}
      </div>
    </Card>
  );
}
