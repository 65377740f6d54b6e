import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Alert, Button, Card, Field, Loading, TextArea, useToast } from '../../ui/index.js';
import { consoleQuery } from '../queries.js';
import { t } from '../../i18n/index.js';

const domainsQuery = consoleQuery<{ domains: string[] }>(['admin', 'icp-domains'], '/admin/icp-domains');

const linesOf = (text: string) => text.split('\n').map((t) => t.trim()).filter(Boolean);

/**
 * Domains with an ICP filing. Links in articles to other domains get a warning in the editor:
 * readers in mainland China may not reach them. Subdomains of a listed domain count as filed.
 */
export function IcpDomainsPage() {
  const toast = useToast();
  const queryClient = useQueryClient();
  const loaded = useQuery(domainsQuery);
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (loaded.data) setText(loaded.data.domains.join('\n'));
  }, [loaded.data]);

  if (loaded.error) return <Alert tone="error" title={t('admin.couldNotLoadThe')}>{loaded.error.message}</Alert>;
  if (!loaded.data) return <Loading />;
  const changed = linesOf(text).join('\n') !== loaded.data.domains.join('\n');

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const next = await consoleApi.put<{ domains: string[] }>('/admin/icp-domains', { domains: linesOf(text) });
      queryClient.setQueryData(domainsQuery.queryKey, next);
      toast.show(t('admin.domainListSaved'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('admin.icpFiledDomains')} description={t('admin.linksToTheseDomains')}>
      <Field label={t('admin.domains')} hint={t('admin.oneDomainPerLine', { length: linesOf(text).length })}>
        {(p) => <TextArea {...p} className="prose" rows={14} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {error && <Alert tone="error" title={t('admin.theListWasNot')}>{error}</Alert>}
      <div className="form-actions">
        <Button variant="primary" loading={saving} disabled={!changed} onClick={() => void save()}>{t('admin.saveDomains')}</Button>
        {!changed && <span className="field-hint">{t('admin.noChanges')}</span>}
      </div>
    </Card>
  );
}
