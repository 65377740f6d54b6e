/**
 * The merchant API certificate (apiclient_cert.pem) that APIv2's `secapi` paths demand over
 * mutual TLS: issued for the merchant's public key, serial = the merchant serial, CN = mchid,
 * signed with WeChat Pay's key for the merchant. Herald's own port speaks plain HTTP, so the
 * certificate reaches it one of two ways: the TLS socket itself (when a TLS server hands the
 * request to Herald), or a header a TLS-terminating proxy sets (`HERALD_PAY_CLIENT_CERT_HEADER`,
 * e.g. nginx `proxy_set_header X-Client-Cert $ssl_client_escaped_cert`).
 */
import { createPublicKey, X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import { selfSignedCertificate } from '../rules/certificate.js';
import type { MerchantRow } from '../store.js';

const CERT_YEARS = 5;

const spkiDer = (pem: string) => createPublicKey(pem).export({ type: 'spki', format: 'der' });

/** The merchant's apiclient_cert.pem (the same every time for a merchant). */
export function merchantCertificate(m: MerchantRow): string {
  const from = m.createdAt;
  const until = new Date(from);
  until.setUTCFullYear(until.getUTCFullYear() + CERT_YEARS);
  return selfSignedCertificate({
    serialHex: m.merchantSerial,
    commonName: m.mchid,
    organization: 'Tenpay.com',
    notBefore: from,
    notAfter: until,
    spkiDer: spkiDer(m.merchantPublicKey),
    privateKeyPem: m.platformPrivateKey,
  });
}

/** A certificate as a proxy passes it: PEM, URL-encoded PEM, or Base64 DER. Undefined when unreadable. */
export function readCertificate(text: string): X509Certificate | undefined {
  try {
    let pem = text.trim();
    if (pem.includes('%')) pem = decodeURIComponent(pem);
    if (!pem.includes('-----BEGIN')) pem = `-----BEGIN CERTIFICATE-----\n${pem.replace(/\s+/g, '')}\n-----END CERTIFICATE-----\n`;
    // nginx's $ssl_client_cert (deprecated) folds lines with tabs.
    return new X509Certificate(pem.replace(/\t/g, ''));
  } catch {
    return undefined;
  }
}

/** The client certificate of a request: from its TLS socket, else from the configured proxy header. */
export function clientCertificate(request: FastifyRequest, header: string | null): X509Certificate | undefined {
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate === 'function') {
    const peer = socket.getPeerCertificate();
    if (peer?.raw) return new X509Certificate(peer.raw);
  }
  if (!header) return undefined;
  const value = request.headers[header];
  return typeof value === 'string' && value.length <= 16_384 ? readCertificate(value) : undefined;
}

/**
 * Whether a certificate is the merchant's: issued by WeChat Pay for the merchant's public key
 * (the TLS handshake proved the private key).
 */
export function certificateIsMerchants(cert: X509Certificate, m: MerchantRow): boolean {
  try {
    return cert.publicKey.export({ type: 'spki', format: 'der' }).equals(spkiDer(m.merchantPublicKey)) && cert.verify(createPublicKey(m.platformPrivateKey));
  } catch {
    return false;
  }
}
