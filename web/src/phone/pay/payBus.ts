/**
 * How any part of the phone asks for the payment sheet: the in-app browser (a page's
 * getBrandWCPayRequest / chooseWXPay), the scanner (a Native code_url), an opened h5_url. The
 * one PayOverlay listens; the promise ends with the page's result.
 */
export type PaySource =
  | { api: 'getBrandWCPayRequest' | 'chooseWXPay'; params: Record<string, string>; page_url?: string }
  | { code_url: string }
  | { h5_url: string };

export type PayResult = { result: 'ok' | 'cancel' | 'fail'; errMsg?: string };

type Listener = (source: PaySource, done: (r: PayResult) => void) => void;
let listener: Listener | null = null;

export function onPaymentRequest(l: Listener | null): void {
  listener = l;
}

export function requestPayment(source: PaySource): Promise<PayResult> {
  return new Promise((resolve) => {
    if (!listener) resolve({ result: 'fail' });
    else listener(source, resolve);
  });
}

/** Whether scanned or opened text is WeChat Pay's (a Native code_url or an h5_url). */
export function paySourceOf(text: string): PaySource | null {
  if (/^weixin:\/\/wxpay\/bizpayurl\?pr=/.test(text)) return { code_url: text };
  if (/^https:\/\/wx\.tenpay\.com\/cgi-bin\/mmpayweb-bin\/checkmweb\?/.test(text)) return { h5_url: text };
  return null;
}
