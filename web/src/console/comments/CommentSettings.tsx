import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { accountApi, consoleApi } from '../api.js';
import { Alert, Button, Card, RadioGroup, useToast } from '../../ui/index.js';
import { invalidatePaths } from '../queries.js';
import { audienceOf, settingsOf, type CommentArticles, type CommentAudience } from './types.js';
import { t } from '../../i18n/index.js';

/**
 * 留言设置: who may comment on one article (when an article is chosen), and the account's
 * default for articles written from now on.
 */
export function CommentSettings({ appid, data, articleId }: { appid: string; data: CommentArticles; articleId: string }) {
  const article = data.articles.find((a) => a.id === articleId);
  return (
    <Card title={t('comments.settings')}>
      <div className="comment-settings">
        {article && (
          <AudienceForm
            key={`a-${article.id}`}
            appid={appid}
            label={t('comments.articleSetting', { title: article.title || t('comments.untitled') })}
            name="article-audience"
            initial={audienceOf(article)}
            path={`/comments/articles/${encodeURIComponent(article.id)}`}
          />
        )}
        <AudienceForm
          key="defaults"
          appid={appid}
          label={t('comments.defaultSetting')}
          hint={t('comments.defaultHint')}
          name="default-audience"
          initial={audienceOf(data.defaults)}
          path="/comments/defaults"
        />
      </div>
    </Card>
  );
}

function AudienceForm({ appid, label, hint, name, initial, path }: { appid: string; label: string; hint?: string; name: string; initial: CommentAudience; path: string }) {
  const [value, setValue] = useState<CommentAudience>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await consoleApi.put(accountApi(appid, path), settingsOf(value));
      await invalidatePaths(queryClient, appid, '/comments/articles');
      toast.show(t('comments.settingsSaved'), 'success');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="comment-audience">
      <RadioGroup<CommentAudience>
        name={name}
        label={label}
        value={value}
        onChange={setValue}
        options={[
          { value: 'all', label: t('comments.audienceAll') },
          { value: 'followers', label: t('comments.audienceFollowers') },
          { value: 'closed', label: t('comments.audienceClosed') },
        ]}
      />
      {hint && <p className="field-hint">{hint}</p>}
      {error && <Alert tone="error">{error}</Alert>}
      <Button size="sm" onClick={() => void save()} loading={busy} disabled={busy || value === initial}>
        {t('comments.save')}
      </Button>
    </div>
  );
}
