import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Loading } from '../../ui/index.js';
import { useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import { KeywordRules } from './KeywordRules.js';
import { ReplySetPanel } from './ReplySetPanel.js';
import type { AutoRepliesView } from './types.js';
import './autoreply.css';
import { t } from '../../i18n/index.js';

type Section = 'subscribe' | 'keyword' | 'default';

const SECTIONS: Array<{ id: Section; label: string }> = [
  { id: 'subscribe', label: t('autoreply.replyOnFollow') },
  { id: 'keyword', label: t('autoreply.keywordReplies') },
  { id: 'default', label: t('autoreply.messageReply') },
];

/**
 * Auto-replies (used while no developer server is enabled): the reply on follow, keyword rules,
 * and the reply to any other message.
 */
export function AutoRepliesPage({ account }: AccountPageProps) {
  const loaded = useAccountData<AutoRepliesView>(account.appid, '/auto-replies');
  const [section, setSection] = useState<Section>('subscribe');
  const view = loaded.data;
  if (loaded.error) return <Alert tone="error" title={t('autoreply.couldNotLoadThe')}>{loaded.error.message}</Alert>;
  if (!view) return <Loading />;
  const readOnly = view.read_only;
  const reload = () => void loaded.refresh();

  return (
    <div className="stack">
      {readOnly && (
        <Alert tone="warning" title={t('autoreply.readOnlyYourDeveloper')}>
          {view.read_only_reason}{' '}
          <Link to={`/console/accounts/${account.appid}/developer`}>{t('autoreply.openDeveloperSettings')}</Link>
        </Alert>
      )}
      <div className="autoreply-head">
        <div className="subtabs" role="tablist" aria-label={t('autoreply.autoReplyKinds')}>
          {SECTIONS.map((s) => {
            const count = s.id === 'keyword' ? view.keyword_rules.length : view[s.id] ? 1 : 0;
            return (
              <button
                key={s.id}
                type="button"
                role="tab"
                id={`autoreply-tab-${s.id}`}
                aria-selected={section === s.id}
                aria-controls={`autoreply-panel-${s.id}`}
                className={section === s.id ? 'on' : ''}
                onClick={() => setSection(s.id)}
              >
                {s.label}
                {s.id === 'keyword' ? <span className="subtab-count">{count}</span> : count > 0 && <span className="subtab-dot" title={t('autoreply.set')} aria-hidden="true" />}
              </button>
            );
          })}
        </div>
        <p className="muted small autoreply-note">{t('autoreply.heraldAnswersFollowersWith')}</p>
      </div>
      <div role="tabpanel" id={`autoreply-panel-${section}`} aria-labelledby={`autoreply-tab-${section}`}>
        {section === 'keyword' ? (
          <KeywordRules appid={account.appid} view={view} readOnly={readOnly} onChanged={reload} />
        ) : (
          <ReplySetPanel key={section} appid={account.appid} kind={section} rule={view[section]} readOnly={readOnly} onChanged={reload} />
        )}
      </div>
    </div>
  );
}
