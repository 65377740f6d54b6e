import jsQRModule from 'jsqr';
import { t } from '../../i18n/index.js';

/** jsQR ships as CommonJS with `exports.default`; bundlers and TypeScript disagree on the default import. */
type Decoder = (data: Uint8ClampedArray, width: number, height: number, opts?: { inversionAttempts?: 'attemptBoth' }) => { data: string } | null;
const jsQR: Decoder = ((): Decoder => {
  const m = jsQRModule as unknown as Decoder | { default: Decoder };
  return typeof m === 'function' ? m : m.default;
})();

/** Images larger than this on either side are scaled down first (jsQR is linear in pixels). */
const MAX_SIDE = 1600;

/** Loads an image file into an element (createImageBitmap is missing in some browsers). */
function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error(t('phoneSheets.thisFileIsNot')));
    };
    img.src = url;
  });
}

/**
 * Reads the QR code in an image, in the browser: the image is drawn on a canvas (with a white
 * quiet zone around it, which screenshots of codes often lack) and handed to jsQR.
 * Resolves to the encoded text, or null when the image holds no readable code.
 */
export async function decodeQrImage(file: Blob): Promise<string | null> {
  const img = await loadImage(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight, 1));
  const w = Math.max(1, Math.round(img.naturalWidth * scale));
  const h = Math.max(1, Math.round(img.naturalHeight * scale));
  const margin = Math.round(Math.max(w, h) * 0.08) + 8;
  const canvas = document.createElement('canvas');
  canvas.width = w + margin * 2;
  canvas.height = h + margin * 2;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, margin, margin, w, h);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(data.data, data.width, data.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}
