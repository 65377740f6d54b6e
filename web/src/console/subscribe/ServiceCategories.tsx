import { useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { Button, Card, useToast } from '../../ui/index.js';
import { accountApi, consoleApi } from '../api.js';
import type { ConsoleSubscribeView } from '../../../../src/modules/subscribemsg/consolePresenter.js';
import { t } from '../../i18n/index.js';

/**
 * 服务类目: the account's service categories, which decide the public templates it may add (up to
 * 5, changed at most 5 times a month). An account that never chose has every category.
 */
export function ServiceCategories({ appid, view, onSaved }: { appid: string; view: ConsoleSubscribeView; onSaved(next: ConsoleSubscribeView): void }) {
  const toast = useToast();
  const current = view.service_categories;
  const [ids, setIds] = useState<number[]>(current.chosen ? current.ids : []);
  const [busy, setBusy] = useState(false);
  const toggle = (id: number) => setIds((cur) => (cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id]));
  const fits = ids.length >= 1 && ids.length <= current.max && current.changes_left > 0;
  const save = async () => {
    setBusy(true);
    try {
      onSaved(await consoleApi.put<ConsoleSubscribeView>(accountApi(appid, '/subscribe-categories'), { category_ids: ids }));
      toast.show(t('subscribe.categoriesSaved'), 'success');
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title={t('subscribe.serviceCategories')}
      description={current.chosen ? t('subscribe.categoriesHint', { max: current.max, left: current.changes_left }) : t('subscribe.categoriesNotChosen', { max: current.max })}
    >
      <fieldset className="sub-keywords">
        <legend>{t('subscribe.chooseCategories', { max: current.max })}</legend>
        {view.categories.map((c) => (
          <label key={c.id} className="sub-keyword">
            <input type="checkbox" checked={ids.includes(c.id)} onChange={() => toggle(c.id)} />
            <span>{c.name}</span>
            {c.long_term && <span className="field-hint">{t('subscribe.categoryLongTerm')}</span>}
          </label>
        ))}
      </fieldset>
      <div className="sub-actions">
        <Button variant="primary" loading={busy} disabled={!fits} onClick={() => void save()}>
          {t('subscribe.saveCategories')}
        </Button>
      </div>
    </Card>
  );
}
