import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Test-only: a CA and a printer certificate with CN = serial, made with the openssl
 * CLI (EC keys, so it takes milliseconds). Never imported by the driver.
 */

export interface TestPki {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** Another CA that did not sign the printer certificate. */
  otherCaPem: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: "ignore" });
}

function makeCa(dir: string, name: string): void {
  openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", `${name}.key`], dir);
  openssl(["req", "-x509", "-new", "-key", `${name}.key`, "-subj", `/CN=${name}`, "-days", "2", "-out", `${name}.pem`], dir);
}

export function createTestPki(serial: string): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), "bambu-pki-"));
  try {
    makeCa(dir, "ca");
    makeCa(dir, "other");
    openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "leaf.key"], dir);
    openssl(["req", "-new", "-key", "leaf.key", "-subj", `/CN=${serial}`, "-out", "leaf.csr"], dir);
    writeFileSync(path.join(dir, "serial.txt"), "01\n");
    openssl(["x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAserial", "serial.txt", "-days", "2", "-out", "leaf.pem"], dir);
    const read = (name: string) => readFileSync(path.join(dir, name), "utf8");
    return { caPem: read("ca.pem"), certPem: read("leaf.pem"), keyPem: read("leaf.key"), otherCaPem: read("other.pem") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
