/**
 * go-plugin's automatic mutual TLS: the provider makes a throwaway self-signed certificate for
 * `localhost` (ECDSA P-256, as go-plugin's own plugins do), hands it to Terraform in the handshake
 * line, and accepts only the client certificate Terraform passed in PLUGIN_CLIENT_CERT.
 */
import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import * as x509 from '@peculiar/x509';

export interface LocalhostCertificate {
  certPem: string;
  keyPem: string;
  /** Base64 of the DER without '=' padding: the handshake line's last field. */
  handshakeField: string;
}

type X509Crypto = NonNullable<Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[1]>;
type KeyPair = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'];

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
/** go-plugin's certificates are valid for 30 years; the process lives for one Terraform command. */
const VALID_MS = 262_980 * 60 * 60 * 1000;

export async function makeLocalhostCertificate(now = Date.now()): Promise<LocalhostCertificate> {
  const crypto = webcrypto as unknown as X509Crypto;
  const keys = (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as KeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomBytes(16).toString('hex').replace(/^[89a-f]/, '1'),
      name: 'CN=localhost, O=HashiCorp',
      notBefore: new Date(now - 30_000),
      notAfter: new Date(now + VALID_MS),
      signingAlgorithm: ALGORITHM,
      keys,
      extensions: [
        // Terraform trusts this certificate as its own root, so it must be a CA that may sign.
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyCertSign, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }]),
      ],
    },
    crypto,
  );
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    certPem: cert.toString('pem'),
    keyPem: toPem('PRIVATE KEY', pkcs8),
    handshakeField: Buffer.from(cert.rawData).toString('base64').replace(/=+$/, ''),
  };
}

/** Server credentials that require a client certificate signed by (or equal to) Terraform's. */
export function mutualTlsCredentials(server: LocalhostCertificate, clientCertPem: string): grpc.ServerCredentials {
  return grpc.ServerCredentials.createSsl(Buffer.from(clientCertPem), [{ cert_chain: Buffer.from(server.certPem), private_key: Buffer.from(server.keyPem) }], true);
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
