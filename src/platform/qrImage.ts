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

/** A PNG QR image encoding `text`. */
export function renderQrPng(text: string): Promise<Buffer> {
  return qrcode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: QR_IMAGE_SIZE });
}
