import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Alert, Button, Card, Field, Loading, TextArea, useToast } from '../../ui/index.js';
import { consoleQuery } from '../queries.js';

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

  if (loaded.error) return <Alert tone="error" title="Could not load the domain list">{loaded.error.message}</Alert>;
  if (!loaded.data) return <Loading />;
  const changed = linesOf(text).join('\n') !== loaded.data.domains.join('\n');

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const next = await consoleApi.put<{ domains: string[] }>('/admin/icp-domains', { domains: linesOf(text) });
      queryClient.setQueryData(domainsQuery.queryKey, next);
      toast.show('Domain list saved');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="ICP-filed domains" description="Links to these domains (and their subdomains) are trusted to reach readers in mainland China.">
      <Field label="Domains" hint={`One domain per line, such as example.cn. ${linesOf(text).length} listed.`}>
        {(p) => <TextArea {...p} className="prose" rows={14} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {error && <Alert tone="error" title="The list was not saved">{error}</Alert>}
      <div className="form-actions">
        <Button variant="primary" loading={saving} disabled={!changed} onClick={() => void save()}>Save domains</Button>
        {!changed && <span className="field-hint">No changes.</span>}
      </div>
    </Card>
  );
}
