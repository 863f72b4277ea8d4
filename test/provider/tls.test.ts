import { X509Certificate, createPrivateKey } from 'node:crypto';
import { time, oid } from '../../src/provider/protocol/der';
import { makeLocalhostCertificate } from '../../src/provider/protocol/tls';

describe("the provider's TLS certificate", () => {
  const now = Date.UTC(2026, 11, 1, 12, 0, 0);
  const made = makeLocalhostCertificate(now);
  const cert = new X509Certificate(made.certPem);

  it('is a self-signed CA certificate for localhost, for server and client authentication', () => {
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.ca).toBe(true);
    expect(cert.subject).toBe(cert.issuer);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(cert.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
  });

  it("is valid from just before now for go-plugin's thirty years", () => {
    expect(new Date(cert.validFrom).getTime()).toBe(now - 30_000);
    expect(new Date(cert.validTo).getTime()).toBe(now + 262_980 * 3600 * 1000);
  });

  it('comes with its private key and the handshake field (base64 DER, padding stripped)', () => {
    expect(createPrivateKey(made.keyPem).asymmetricKeyType).toBe('ec');
    expect(cert.checkPrivateKey(createPrivateKey(made.keyPem))).toBe(true);
    expect(made.handshakeField).not.toMatch(/=$/);
    expect(Buffer.from(made.handshakeField, 'base64')).toEqual(cert.raw);
  });

  it('writes X.509 times as UTCTime before 2050 and GeneralizedTime from 2050', () => {
    expect(time(new Date(Date.UTC(2049, 0, 2, 3, 4, 5)))).toEqual(Buffer.from([0x17, 13, ...Buffer.from('490102030405Z')]));
    expect(time(new Date(Date.UTC(2056, 0, 2, 3, 4, 5)))).toEqual(Buffer.from([0x18, 15, ...Buffer.from('20560102030405Z')]));
    expect(oid('1.2.840.10045.4.3.2')).toEqual(Buffer.from([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]));
  });
});
