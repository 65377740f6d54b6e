import { useEffect, useState } from 'react';
import { Button } from '../../ui/index.js';
import { Sheet } from '../sheets/Sheet.js';
import { t } from '../../i18n/index.js';
import type { SubscribeAsk } from './useOpenSubscribe.js';

/**
 * WeChat's subscribe sheet for `<wx-open-subscribe>`: the account asks to send the listed
 * notifications; each has a switch (on by default); Allow answers accept for those on and reject
 * for those off; closing the sheet answers nothing (the tag's statuses are `cancel`).
 */
export function SubscribeSheet({ ask }: { ask: SubscribeAsk | null }) {
  const [on, setOn] = useState<Record<string, boolean>>({});
  useEffect(() => setOn({}), [ask]);
  const templates = ask?.templates ?? [];
  return (
    <Sheet open={ask !== null} title={t('phoneBrowser.subscribeTitle', { account: ask?.accountName ?? '' })} onClose={() => ask?.finish(null)}>
      <ul className="ph-subscribe-list" data-testid="subscribe-sheet">
        {templates.map((tpl) => {
          const checked = on[tpl.template_id] ?? true;
          return (
            <li key={tpl.template_id} className="ph-subscribe-item">
              <label className="ph-subscribe-label">
                <span className="ph-subscribe-text">
                  <span className="ph-subscribe-title">{tpl.title}</span>
                  <span className="ph-subscribe-kind">
                    {tpl.long_term ? t('phoneBrowser.subscribeLongTerm') : t('phoneBrowser.subscribeOnce')}
                    {tpl.keywords.length > 0 && ` · ${tpl.keywords.join(t('phoneBrowser.subscribeKeywordSep'))}`}
                  </span>
                </span>
                <input
                  type="checkbox"
                  role="switch"
                  className="ph-subscribe-switch"
                  checked={checked}
                  onChange={(e) => setOn((o) => ({ ...o, [tpl.template_id]: e.target.checked }))}
                />
              </label>
            </li>
          );
        })}
      </ul>
      <div className="ph-subscribe-actions">
        <Button onClick={() => ask?.finish(null)}>{t('phoneBrowser.subscribeCancel')}</Button>
        <Button
          variant="primary"
          onClick={() => ask?.finish(templates.map((tpl) => ({ template_id: tpl.template_id, status: (on[tpl.template_id] ?? true) ? 'accept' : 'reject' })))}
        >
          {t('phoneBrowser.subscribeAllow')}
        </Button>
      </div>
    </Sheet>
  );
}
