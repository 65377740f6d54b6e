/**
 * Tiny but well-formed files the simulator sends when a script asks for an image, voice or video
 * message without uploading one: a 1×1 PNG, one second of AMR-NB silence, an MP4 header, and a
 * 1×1 JPEG for video thumbnails.
 */

/** A 1×1 transparent PNG. */
export const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A 1×1 JPEG (baseline, grey). */
export const PLACEHOLDER_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/** One second of AMR-NB: the magic header and 50 silent 12.2 kbit/s frames. */
export const PLACEHOLDER_AMR = Buffer.concat([
  Buffer.from('#!AMR\n', 'latin1'),
  ...Array.from({ length: 50 }, () => Buffer.concat([Buffer.from([0x3c]), Buffer.alloc(31)])),
]);

/** The start of an MP4 file: an ftyp box (isom) and an empty free box. */
export const PLACEHOLDER_MP4 = Buffer.concat([
  Buffer.from([0x00, 0x00, 0x00, 0x18]),
  Buffer.from('ftypisom', 'latin1'),
  Buffer.from([0x00, 0x00, 0x02, 0x00]),
  Buffer.from('isommp42', 'latin1'),
  Buffer.from([0x00, 0x00, 0x00, 0x08]),
  Buffer.from('free', 'latin1'),
]);
