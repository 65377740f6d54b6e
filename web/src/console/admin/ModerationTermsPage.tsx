import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Alert, Button, Card, Field, Loading, TextArea, useToast } from '../../ui/index.js';
import { consoleQuery } from '../queries.js';
import { t } from '../../i18n/index.js';
import { moderationLabel } from '../format.js';

interface Category {
  category: string;
  label: string;
  terms: string[];
}

const termsQuery = consoleQuery<{ categories: Category[] }>(['admin', 'moderation-terms'], '/admin/moderation-terms');

const linesOf = (text: string) => text.split('\n').map((t) => t.trim()).filter(Boolean);

/**
 * The prohibited terms per moderation category, one per line. A push post, publish or preview
 * containing one is stopped, and the operator is told the category and the passage.
 */
export function ModerationTermsPage() {
  const toast = useToast();
  const queryClient = useQueryClient();
  const loaded = useQuery(termsQuery);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (loaded.data) setDrafts(Object.fromEntries(loaded.data.categories.map((c) => [c.category, c.terms.join('\n')])));
  }, [loaded.data]);

  if (loaded.error) return <Alert tone="error" title={t('admin.couldNotLoadThe2')}>{loaded.error.message}</Alert>;
  if (!loaded.data) return <Loading />;
  const categories = loaded.data.categories;
  const changed = categories.filter((c) => linesOf(drafts[c.category] ?? '').join('\n') !== c.terms.join('\n'));

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const next = await consoleApi.put<{ categories: Category[] }>('/admin/moderation-terms', {
        categories: changed.map((c) => ({ category: c.category, terms: linesOf(drafts[c.category] ?? '') })),
      });
      queryClient.setQueryData(termsQuery.queryKey, next);
      toast.show(t('admin.termListsSaved'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="stack">
      <Alert tone="info" title={t('admin.howMatchingWorks')}>
        {t('admin.aTermMatchesIn')}
      </Alert>
      <div className="admin-terms">
        {categories.map((c) => {
          const count = linesOf(drafts[c.category] ?? '').length;
          return (
            <Card key={c.category} title={moderationLabel(c.category, c.label)} description={t('admin.termCount', { count })}>
              <Field label={t('admin.termsFor', { label: moderationLabel(c.category, c.label) })} hint={t('admin.oneTermPerLine')}>
                {(p) => <TextArea {...p} className="prose" rows={6} value={drafts[c.category] ?? ''} onChange={(e) => setDrafts((d) => ({ ...d, [c.category]: e.target.value }))} />}
              </Field>
            </Card>
          );
        })}
      </div>
      {error && <Alert tone="error" title={t('admin.theTermListsWere')}>{error}</Alert>}
      <div className="form-actions admin-save">
        <Button variant="primary" loading={saving} disabled={changed.length === 0} onClick={() => void save()}>{t('admin.saveTermLists')}</Button>
        <span className="field-hint">{changed.length === 0 ? t('admin.noChanges') : t('admin.changed', { count: changed.length })}</span>
      </div>
    </div>
  );
}
