import { createRequire } from 'node:module';

/** The part of the `qrcode` package Herald uses (it ships no type declarations). */
interface QrCodeLib {
  toBuffer(
    text: string,
    opts: { type: 'png'; errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H'; margin: number; width: number },
  ): Promise<Buffer>;
}

const qrcode = createRequire(import.meta.url)('qrcode') as QrCodeLib;

/** Side of the PNG in pixels: WeChat's showqrcode images are 430 px square. */
export const QR_IMAGE_SIZE = 430;

/** A PNG QR image encoding `text`, `width` pixels square (430 unless told). */
export function renderQrPng(text: string, width: number = QR_IMAGE_SIZE): Promise<Buffer> {
  // The package floors modules × (width / modules) to get the side, which floating point can
  // leave one pixel short (344 → 343): a quarter pixel more keeps the side exact.
  return qrcode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: width + 0.25 });
}
