import { Dialog } from '../../ui/index.js';
import { t } from '../../i18n/index.js';

/** The article page as a reader sees it, inside a phone-shaped frame. */
export function PreviewDialog({ url, title, onClose }: { url: string | null; title: string; onClose(): void }) {
  return (
    <Dialog open={url !== null} title={t('articles.preview')} width={460} onClose={onClose}>
      <div className="preview-phone" role="group" aria-label={t('articles.phonePreview')}>
        <div className="preview-screen">
          <div className="phone-status" aria-hidden="true"><span>9:41</span><span>●●● ▮</span></div>
          <div className="preview-nav">
            <span aria-hidden="true">✕</span>
            <span className="preview-nav-title">{title || t('articles.article')}</span>
            <span aria-hidden="true">···</span>
          </div>
          {url && <iframe title={t('articles.articlePreview')} src={url} className="preview-frame" sandbox="allow-same-origin allow-scripts allow-popups" />}
        </div>
      </div>
      <p className="field-hint preview-note">{t('articles.thisPreviewLinkWorks')}</p>
    </Dialog>
  );
}
