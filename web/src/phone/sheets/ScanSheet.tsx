import { useRef, useState, type ClipboardEvent, type FormEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { Alert, Button, Spinner } from '../../ui/index.js';
import { decodeQrImage } from './qrDecode.js';
import { Sheet } from './Sheet.js';
import { t } from '../../i18n/index.js';

/**
 * 扫一扫: the phone has no camera here, so a QR code is "scanned" by choosing or pasting an
 * image of it (decoded in the browser with jsQR), or by pasting the text or link it encodes.
 * `onResult` gets the decoded text; its errors are shown in the sheet.
 */
export function ScanSheet({ open, title, onClose, onResult }: {
  open: boolean;
  title?: string;
  onClose(): void;
  onResult(text: string): Promise<void>;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const finish = async (value: string) => {
    setBusy(true);
    setError(null);
    try {
      await onResult(value);
      setText('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const fromImage = async (file: Blob | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    let decoded: string | null = null;
    try {
      decoded = await decodeQrImage(file);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
      return;
    }
    if (!decoded) {
      setError(t('phoneSheets.noQrCodeFound'));
      setBusy(false);
      return;
    }
    await finish(decoded);
  };

  const onPaste = (e: ClipboardEvent) => {
    const file = [...e.clipboardData.files].find((f) => f.type.startsWith('image/'));
    if (file) {
      e.preventDefault();
      void fromImage(file);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) void finish(text.trim());
  };

  return (
    <Sheet open={open} title={title ?? t('phoneSheets.scanTitle')} onClose={onClose} tall>
      <div className="ph-scan" onPaste={onPaste}>
        <button type="button" className="ph-viewfinder" onClick={() => fileInput.current?.click()} aria-label={t('phoneSheets.chooseAQrCode')}>
          <span className="ph-vf-corner tl" />
          <span className="ph-vf-corner tr" />
          <span className="ph-vf-corner bl" />
          <span className="ph-vf-corner br" />
          <span className="ph-vf-line" />
          <span className="ph-vf-hint">{busy ? <Spinner /> : t('phoneSheets.chooseOrPasteA')}</span>
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="image/*"
          className="ph-hidden-file"
          aria-label={t('phoneSheets.qrCodeImage')}
          data-testid="scan-file"
          onChange={(e) => {
            void fromImage(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <Button variant="secondary" className="ph-wide" onClick={() => fileInput.current?.click()} disabled={busy}>
          {t('phoneSheets.chooseFromAlbum')}
        </Button>
        <form className="ph-scan-form" onSubmit={submit}>
          <input
            className="input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('phoneSheets.orPasteTheCode')}
            aria-label={t('phoneSheets.qrCodeLinkOr')}
            maxLength={4096}
          />
          <Button type="submit" variant="primary" disabled={busy || !text.trim()}>
            {t('phoneSheets.open')}
          </Button>
        </form>
        {error && <Alert tone="error">{error}</Alert>}
      </div>
    </Sheet>
  );
}
