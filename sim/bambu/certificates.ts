import { X509Certificate, generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

/** A certificate and its private key, both PEM. */
export interface PemKeyPair {
  certPem: string;
  keyPem: string;
}

const caSubject = [
  { name: "commonName", value: "Printernizer Simulator CA" },
  { name: "organizationName", value: "Printernizer" },
  { name: "countryName", value: "DE" },
];

// Key generation goes through Node's native crypto: forge's pure-JS RSA would take
// seconds per key, and a fleet of 100 printers needs 100 leaf keys at start.
function newRsaKey(): { privatePem: string; publicKey: forge.pki.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(privatePem);
  const publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  return { privatePem, publicKey, privateKey: forgeKey };
}

// Positive, non-zero 16-byte serial as hex (X.509 requires a positive INTEGER).
function certificateSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x01;
  return bytes.toString("hex");
}

/**
 * A self-signed CA that plays the role of the BBL CA. Clients trust its PEM as `ca`
 * and verify printers with `servername: <serial>`, exactly as with the real bundle.
 */
export function createSimulatorCa(): PemKeyPair {
  const key = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = certificateSerial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
  cert.setSubject(caSubject);
  cert.setIssuer(caSubject);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(key.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: key.privatePem };
}

/**
 * A printer certificate as the real printers present it: X.509 v1 (no extensions, so
 * no subjectAltName) with CN = serial, signed by the given CA. Clients therefore have
 * to verify with `servername: serial`, which is the behaviour worth reproducing.
 */
export function issuePrinterCertificate(ca: PemKeyPair, serial: string): PemKeyPair {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const key = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.version = 0;
  cert.publicKey = key.publicKey;
  cert.serialNumber = certificateSerial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
  cert.setSubject([
    { name: "commonName", value: serial },
    { name: "organizationName", value: "Printernizer Simulator" },
    { name: "countryName", value: "DE" },
  ]);
  cert.setIssuer(caCert.subject.attributes);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: key.privatePem };
}

/** SHA-256 fingerprint as Node reports it ("AB:CD:..."), for pinning tests. */
export function certificateFingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}
