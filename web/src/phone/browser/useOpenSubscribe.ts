import { useCallback, useRef, useState } from 'react';
import { phoneApi } from '../api.js';
import { subscribeError, subscribeSuccess, type SubscribeStatus } from '../../../../src/modules/jssdk/rules/openSubscribe.js';

/** One template the subscribe sheet asks about. */
export interface SheetTemplate {
  template_id: string;
  title: string;
  long_term: boolean;
  keywords: string[];
}

/** The subscribe sheet on screen: the account, its templates, and how to finish (null: closed unanswered). */
export interface SubscribeAsk {
  accountName: string;
  templates: SheetTemplate[];
  finish(answers: Array<{ template_id: string; status: 'accept' | 'reject' }> | null): void;
}

type Sheet = { ok: true; account_name: string; templates: SheetTemplate[] } | { ok: false; err_code: number; err_msg: string };

/**
 * `<wx-open-subscribe>` in the in-app browser, the phone's half: the bridge in the page posts a
 * tap (`open-tag`); when the page's wx.config listed the tag, the phone asks Herald for the
 * templates, shows the subscribe sheet, records the answer and sends the tag its `success`
 * (`subscribeDetails`) or `error` (`errCode`, `errMsg`) event. Kept apart from the JS-SDK calls.
 */
export function useOpenSubscribe(opts: { frame(): HTMLIFrameElement | null; enabled(tag: string): boolean; appid(): string; pageUrl(): string }) {
  const [ask, setAskState] = useState<SubscribeAsk | null>(null);
  const current = useRef<SubscribeAsk | null>(null);
  const setAsk = useCallback((a: SubscribeAsk | null) => {
    current.current = a;
    setAskState(a);
  }, []);
  const { frame, enabled, appid, pageUrl } = opts;

  const onMessage = useCallback(
    async (e: MessageEvent) => {
      const f = frame();
      const d = e.data as { herald?: unknown; id?: unknown; tag?: unknown; payload?: { template?: unknown } } | null;
      if (!f || !e.source || e.source !== f.contentWindow || !d || typeof d !== 'object') return;
      if (d.herald !== 'open-tag' || d.tag !== 'wx-open-subscribe' || typeof d.id !== 'number') return;
      // Without openTagList: ['wx-open-subscribe'] in a successful wx.config the tag does nothing.
      if (!enabled('wx-open-subscribe')) return;
      const source = e.source as Window;
      const id = d.id;
      const reply = (event: 'success' | 'error', detail: object) => source.postMessage({ herald: 'open-tag-answer', id, event, detail }, '*');
      const template = typeof d.payload?.template === 'string' ? d.payload.template.slice(0, 2000) : '';
      let sheet: Sheet;
      try {
        sheet = await phoneApi.post<Sheet>('/jssdk/subscribe/sheet', { appid: appid(), template });
      } catch {
        return reply('error', subscribeError('listFailed'));
      }
      if (!sheet.ok) return reply('error', { errCode: sheet.err_code, errMsg: sheet.err_msg });
      const templates = sheet.templates;
      const answers = await new Promise<Array<{ template_id: string; status: 'accept' | 'reject' }> | null>((resolve) =>
        setAsk({
          accountName: sheet.ok ? sheet.account_name : '',
          templates,
          finish: (a) => {
            setAsk(null);
            resolve(a);
          },
        }),
      );
      if (!answers) return reply('success', subscribeSuccess(templates.map((t) => ({ templateId: t.template_id, status: 'cancel' as SubscribeStatus }))));
      try {
        await phoneApi.post('/jssdk/subscribe', { appid: appid(), url: pageUrl(), answers });
      } catch {
        return reply('error', subscribeError('requestFailed'));
      }
      reply('success', subscribeSuccess(answers.map((a) => ({ templateId: a.template_id, status: a.status }))));
    },
    [frame, enabled, appid, pageUrl, setAsk],
  );

  /** Closes the sheet unanswered (the page went away). */
  const reset = useCallback(() => current.current?.finish(null), []);

  return { onMessage, ask, reset };
}
