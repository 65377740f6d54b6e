import { useState } from 'react';
import { Button } from './Button.js';
import { useToast } from './Toast.js';
import { t } from '../i18n/index.js';

/** Copies text to the clipboard; falls back to a hidden textarea where the Clipboard API is missing (plain http). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall through to the fallback */
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export function CopyButton({ text, label = t('ui.copyLabel'), what }: { text: string; label?: string; what?: string }) {
  const toast = useToast();
  const [done, setDone] = useState(false);
  const onClick = async () => {
    const ok = await copyText(text);
    if (ok) {
      setDone(true);
      window.setTimeout(() => setDone(false), 1500);
      toast.show(t('ui.copiedToClipboard', { what: what ?? t('ui.text') }));
    } else {
      toast.show(t('ui.couldNotCopySelect'), 'error');
    }
  };
  return (
    // The name starts with what the button shows ("Copied" once done), as screen readers expect.
    <Button size="sm" variant="ghost" onClick={onClick} aria-label={done ? `${t('ui.copied')} · ${what ?? label}` : what ? t('ui.copy', { what }) : label}>
      {done ? t('ui.copied') : label}
    </Button>
  );
}
