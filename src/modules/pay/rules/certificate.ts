/**
 * A self-signed X.509 v3 certificate for WeChat Pay's platform key (what /v3/certificates hands
 * out, encrypted). node:crypto reads certificates but does not write them, so the DER is built
 * here: version 3, a serial, sha256WithRSAEncryption, issuer = subject, validity, the key.
 */
import { sign } from 'node:crypto';

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, content: Buffer) => Buffer.concat([Buffer.from([tag]), len(content.length), content]);
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0] + parts[1]];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = p >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function integerHex(hex: string): Buffer {
  let b = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 §4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

function name(commonName: string, organization: string): Buffer {
  const attr = (o: string, v: string) => set(seq(oid(o), tlv(0x0c, Buffer.from(v, 'utf8'))));
  return seq(attr('2.5.4.6', 'CN'), attr('2.5.4.10', organization), attr('2.5.4.3', commonName));
}

/** A PEM certificate over `spkiDer`, self-signed with `privateKeyPem`. */
export function selfSignedCertificate(opts: {
  serialHex: string;
  commonName: string;
  organization: string;
  notBefore: Date;
  notAfter: Date;
  spkiDer: Buffer;
  privateKeyPem: string;
}): string {
  const sigAlg = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const subject = name(opts.commonName, opts.organization);
  const tbs = seq(
    tlv(0xa0, integerHex('02')),
    integerHex(opts.serialHex),
    sigAlg,
    subject,
    seq(time(opts.notBefore), time(opts.notAfter)),
    subject,
    opts.spkiDer,
  );
  const signature = sign('sha256', tbs, opts.privateKeyPem);
  const der = seq(tbs, sigAlg, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}
