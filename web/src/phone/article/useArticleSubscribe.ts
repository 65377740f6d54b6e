import { useCallback, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { useToast } from '../../ui/index.js';
import { phoneApi } from '../api.js';
import type { SheetTemplate, SubscribeAsk } from '../browser/useOpenSubscribe.js';
import { t } from '../../i18n/index.js';

type Sheet = { ok: true; account_name: string; templates: SheetTemplate[] } | { ok: false; err_code: number; err_msg: string };

/**
 * An article's subscribe block (订阅通知, PopupScene 2): the reader taps it, the phone shows the
 * subscribe sheet with the block's templates and records the answer; closing the sheet answers
 * nothing. Problems (an unknown template, an account without subscribe notifications) show as
 * a toast with the popup's error text.
 */
export function useArticleSubscribe(appid: string) {
  const toast = useToast();
  const [ask, setAsk] = useState<SubscribeAsk | null>(null);
  const open = useCallback(
    async (template: string) => {
      let sheet: Sheet;
      try {
        sheet = await phoneApi.post<Sheet>('/article-subscribe/sheet', { appid, template: template.slice(0, 2000) });
      } catch (err) {
        toast.show(errorMessage(err), 'error');
        return;
      }
      if (!sheet.ok) {
        toast.show(sheet.err_msg, 'error');
        return;
      }
      const { account_name, templates } = sheet;
      setAsk({
        accountName: account_name,
        templates,
        finish: (answers) => {
          setAsk(null);
          if (!answers) return;
          phoneApi
            .post('/article-subscribe', { appid, answers })
            .then(() => toast.show(answers.some((a) => a.status === 'accept') ? t('phoneArticle.subscribed') : t('phoneArticle.notSubscribed'), 'success'))
            .catch((err) => toast.show(errorMessage(err), 'error'));
        },
      });
    },
    [appid, toast],
  );
  return { ask, open };
}
