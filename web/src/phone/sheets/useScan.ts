import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useToast } from '../../ui/index.js';
import { phoneApi } from '../api.js';
import { usePhone } from '../PhoneContext.js';
import type { Profile } from '../types.js';
import { t } from '../../i18n/index.js';
import { paySourceOf, requestPayment } from '../pay/payBus.js';

/** What scanning some text led to (POST /phone/api/scan). */
export type ScanOutcome =
  | { kind: 'account'; account: Profile; event: 'subscribe' | 'SCAN'; scene: string }
  | { kind: 'url'; url: string }
  | { kind: 'text'; text: string };

/**
 * Acts on a scanned code as WeChat does: WeChat Pay's code_url opens the payment sheet; an
 * official account's code follows it (or, when already followed, opens the chat); other links open in the in-phone browser; other text is shown.
 */
export function useScan(): (text: string) => Promise<void> {
  const navigate = useNavigate();
  const { openBrowser, reloadChats } = usePhone();
  const toast = useToast();
  return useCallback(
    async (text: string) => {
      // WeChat Pay's codes open the payment sheet (a Native code_url; an h5_url).
      const pay = paySourceOf(text);
      if (pay) {
        await requestPayment(pay);
        return;
      }
      const out = await phoneApi.post<ScanOutcome>('/scan', { text });
      if (out.kind === 'account') {
        void reloadChats();
        toast.show(out.event === 'subscribe' ? t('phoneSheets.followedName', { name: out.account.name }) : t('phoneSheets.openedName', { name: out.account.name }));
        void navigate(`/phone/chat/${encodeURIComponent(out.account.appid)}`);
      } else if (out.kind === 'url') {
        openBrowser(out.url);
      } else {
        toast.show(t('phoneSheets.scanned', { text: out.text.slice(0, 200) }), 'info');
      }
    },
    [openBrowser, reloadChats, toast],
  );
}
