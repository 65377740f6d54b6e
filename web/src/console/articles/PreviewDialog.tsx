import { Dialog } from '../../ui/index.js';

/** The article page as a reader sees it, inside a phone-shaped frame. */
export function PreviewDialog({ url, title, onClose }: { url: string | null; title: string; onClose(): void }) {
  return (
    <Dialog open={url !== null} title="Preview" width={460} onClose={onClose}>
      <div className="preview-phone" role="group" aria-label="Phone preview">
        <div className="preview-screen">
          <div className="phone-status" aria-hidden="true"><span>9:41</span><span>●●● ▮</span></div>
          <div className="preview-nav">
            <span aria-hidden="true">✕</span>
            <span className="preview-nav-title">{title || 'Article'}</span>
            <span aria-hidden="true">···</span>
          </div>
          {url && <iframe title="Article preview" src={url} className="preview-frame" sandbox="allow-same-origin allow-scripts allow-popups" />}
        </div>
      </div>
      <p className="field-hint preview-note">This preview link works for a limited time and is not listed anywhere.</p>
    </Dialog>
  );
}
