import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { Alert, Button, Field, Input } from '../../ui/index.js';
import { Sheet } from './Sheet.js';
import { t } from '../../i18n/index.js';

/** Sharing a link (a link message: title, description, URL). */
export function LinkSheet({ open, onClose, onSend }: {
  open: boolean;
  onClose(): void;
  onSend(link: { title: string; description: string; url: string }): Promise<void>;
}) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [url, setUrl] = useState('https://');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^https?:\/\/\S+$/i.test(url.trim())) return setError(t('phoneSheets.enterAnHttpS'));
    if (!title.trim()) return setError(t('phoneSheets.giveTheLinkA'));
    setBusy(true);
    setError(null);
    try {
      await onSend({ title: title.trim(), description: description.trim(), url: url.trim() });
      setTitle('');
      setDescription('');
      setUrl('https://');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet open={open} title={t('phoneSheets.shareALink')} onClose={onClose}>
      <form onSubmit={submit} aria-label={t('phoneSheets.shareALink2')}>
        <Field label={t('phoneSheets.link')}>{(p) => <Input {...p} value={url} onChange={(e) => setUrl(e.target.value)} maxLength={1024} />}</Field>
        <Field label={t('phoneSheets.title')}>{(p) => <Input {...p} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} />}</Field>
        <Field label={t('phoneSheets.description')}>{(p) => <Input {...p} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={300} />}</Field>
        {error && <Alert tone="error">{error}</Alert>}
        <Button type="submit" variant="primary" loading={busy} className="ph-wide">
          {t('phoneSheets.send')}
        </Button>
      </form>
    </Sheet>
  );
}
