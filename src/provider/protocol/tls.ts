/**
 * go-plugin's automatic mutual TLS: the provider makes a throwaway self-signed certificate for
 * `localhost` (ECDSA P-256, the shape go-plugin gives its own plugins' certificates), hands it to
 * Terraform in the handshake line, and accepts only the client certificate Terraform passed in
 * PLUGIN_CLIENT_CERT.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { bitString, boolean, explicit, implicitText, octetString, oid, sequence, set, time, unsignedInteger, utf8String } from './der';

export interface LocalhostCertificate {
  certPem: string;
  keyPem: string;
  /** Base64 of the DER without '=' padding: the handshake line's last field. */
  handshakeField: string;
}

/** go-plugin's certificates are valid for 30 years; the process lives for one Terraform command. */
const VALID_MS = 262_980 * 60 * 60 * 1000;
const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const KEY_USAGE_BITS = 0xa4; // digitalSignature (0), keyEncipherment (2), keyCertSign (5)
const NAME = sequence(set(sequence(oid('2.5.4.10'), utf8String('HashiCorp'))), set(sequence(oid('2.5.4.3'), utf8String('localhost'))));

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

export function makeLocalhostCertificate(now = Date.now()): LocalhostCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // v3
    unsignedInteger(randomBytes(16)),
    ECDSA_WITH_SHA256,
    NAME,
    sequence(time(new Date(now - 30_000)), time(new Date(now + VALID_MS))),
    NAME,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      sequence(
        // Terraform trusts this certificate as its own root, so it is a CA that may sign.
        extension('2.5.29.19', true, sequence(boolean(true))),
        extension('2.5.29.15', true, bitString(Buffer.from([KEY_USAGE_BITS]), 2)),
        extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
        extension('2.5.29.17', false, sequence(implicitText(2, 'localhost'))),
      ),
    ),
  );
  const der = sequence(tbs, ECDSA_WITH_SHA256, bitString(sign('sha256', tbs, privateKey)));
  return {
    certPem: toPem('CERTIFICATE', der),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    handshakeField: der.toString('base64').replace(/=+$/, ''),
  };
}

/** Server credentials that require a client certificate signed by (or equal to) Terraform's. */
export function mutualTlsCredentials(server: LocalhostCertificate, clientCertPem: string): grpc.ServerCredentials {
  return grpc.ServerCredentials.createSsl(
    Buffer.from(clientCertPem),
    [{ cert_chain: Buffer.from(server.certPem), private_key: Buffer.from(server.keyPem) }],
    true,
  );
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
