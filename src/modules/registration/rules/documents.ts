/**
 * What a registration document may be: a JPEG, PNG or PDF of at most 5 MB, judged from its
 * bytes; a scan whose shorter side is under 600 pixels is flagged "low-quality scan" for the
 * reviewer. Pure: no I/O.
 */

/** Largest document accepted. */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
/** A scanned image whose shorter side is below this is flagged as a low-quality scan. */
export const LOW_QUALITY_MIN_PX = 600;

export type DocumentFormat = 'jpg' | 'png' | 'pdf';

export const DOCUMENT_MIME: Record<DocumentFormat, string> = { jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };

/** The format of a document from its first bytes, or undefined for anything else. */
export function sniffDocument(b: Buffer): DocumentFormat | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  return undefined;
}

/** An image's size in pixels read from its header (PNG IHDR, JPEG SOFn), or undefined. */
export function imageSize(b: Buffer, format: DocumentFormat): { width: number; height: number } | undefined {
  if (format === 'png') {
    if (b.length < 24 || b.subarray(12, 16).toString('latin1') !== 'IHDR') return undefined;
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (format !== 'jpg') return undefined;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const len = b.readUInt16BE(i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    if (len < 2) return undefined;
    i += 2 + len;
  }
  return undefined;
}

/** Whether a scan is too small to read (PDFs are not judged). */
export const lowQualityScan = (size: { width: number; height: number } | undefined): boolean => size !== undefined && Math.min(size.width, size.height) < LOW_QUALITY_MIN_PX;

/** A stored file name: the uploaded name's safe characters, or the kind, with the format's extension. */
export function documentFilename(name: string | undefined, format: DocumentFormat, kind: string): string {
  const stem = (name ?? '').replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_\- ]/gu, '').trim().slice(0, 80) || kind;
  return `${stem}.${format}`;
}
