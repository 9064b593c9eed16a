import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { requireTool } from "@/testing/tools";
import { createTestPki, type TestPki } from "./certs";

/**
 * Test-only: Debian's vsftpd 3.0.3 on loopback, configured like the printers' server
 * (implicit TLS, TLS session reuse required). Login is a virtual user "bblp" mapped to
 * the system's ftp user through a throwaway PAM service.
 * Needs root (for the PAM file); callers check with requireVsftpd() first.
 */

const vsftpdBinary = "/usr/sbin/vsftpd";

/** Throws what is missing for startVsftpd(), so the tests fail saying so instead of skipping. */
export function requireVsftpd(): void {
  requireTool(vsftpdBinary, "vsftpd");
  requireTool("openssl", "openssl");
  if (process.getuid?.() !== 0) throw new Error("the vsftpd tests need root to register a temporary PAM service (CI runs them as root)");
  if (!existsSync("/etc/pam.d")) throw new Error("the vsftpd tests need PAM (/etc/pam.d is missing)");
}

export interface VsftpdOptions {
  serial: string;
  /** vsftpd's cmds_denied, e.g. ["REST", "FEAT"] to behave like an A1 mini. */
  deniedCommands?: string[];
  files: Record<string, Buffer | string>;
  folders?: string[];
}

export interface RunningVsftpd {
  port: number;
  root: string;
  pki: TestPki;
  close(): Promise<void>;
}

function guestUser(): { name: string; uid: number; gid: number } {
  const passwd = readFileSync("/etc/passwd", "utf8").split("\n");
  for (const name of ["ftp", "nobody"]) {
    const line = passwd.find((entry) => entry.startsWith(`${name}:`));
    if (line) {
      const [, , uid, gid] = line.split(":");
      return { name, uid: Number(uid), gid: Number(gid) };
    }
  }
  throw new Error("no ftp or nobody user");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vsftpd exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("vsftpd did not start listening");
}

export async function startVsftpd(options: VsftpdOptions): Promise<RunningVsftpd> {
  const pki = createTestPki(options.serial);
  const base = mkdtempSync(path.join(tmpdir(), "bambu-vsftpd-"));
  chmodSync(base, 0o755);
  const root = path.join(base, "root");
  const empty = path.join(base, "empty");
  const guest = guestUser();
  mkdirSync(root);
  mkdirSync(empty);
  for (const folder of options.folders ?? []) mkdirSync(path.join(root, folder), { recursive: true });
  for (const [name, content] of Object.entries(options.files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  const chownTree = (dir: string) => {
    chownSync(dir, guest.uid, guest.gid);
    for (const entry of readdirSafe(dir)) {
      const full = path.join(dir, entry);
      chownSync(full, guest.uid, guest.gid);
      if (isDirectory(full)) chownTree(full);
    }
  };
  chownTree(root);
  writeFileSync(path.join(base, "cert.pem"), pki.certPem);
  writeFileSync(path.join(base, "key.pem"), pki.keyPem, { mode: 0o600 });
  // Linux-PAM looks service files up in lower case; mkdtemp's suffix has capitals.
  const service = `printernizer-vsftpd-test-${process.pid}-${path.basename(base)}`.toLowerCase();
  const pamFile = path.join("/etc/pam.d", service);
  // pam_succeed_if would look "bblp" up in passwd, where no such user exists: this
  // throwaway service admits the login and the guest mapping confines it.
  writeFileSync(pamFile, "auth required pam_permit.so\naccount required pam_permit.so\n");
  const port = await freePort();
  const config = [
    "listen=YES",
    "listen_ipv6=NO",
    "listen_address=127.0.0.1",
    `listen_port=${port}`,
    "background=NO",
    "anonymous_enable=NO",
    "local_enable=YES",
    "write_enable=YES",
    "guest_enable=YES",
    `guest_username=${guest.name}`,
    "virtual_use_local_privs=YES",
    `local_root=${root}`,
    "chroot_local_user=YES",
    "allow_writeable_chroot=YES",
    `pam_service_name=${service}`,
    `secure_chroot_dir=${empty}`,
    "ssl_enable=YES",
    "implicit_ssl=YES",
    "require_ssl_reuse=YES",
    "force_local_logins_ssl=YES",
    "force_local_data_ssl=YES",
    `rsa_cert_file=${path.join(base, "cert.pem")}`,
    `rsa_private_key_file=${path.join(base, "key.pem")}`,
    "pasv_enable=YES",
    "pasv_address=127.0.0.1",
    "seccomp_sandbox=NO",
    "utf8_filesystem=YES",
    "xferlog_enable=NO",
    ...(options.deniedCommands?.length ? [`cmds_denied=${options.deniedCommands.join(",")}`] : []),
  ].join("\n");
  const configFile = path.join(base, "vsftpd.conf");
  writeFileSync(configFile, `${config}\n`);
  const child = spawn(vsftpdBinary, [configFile], { stdio: "ignore" });
  const cleanup = () => {
    rmSync(pamFile, { force: true });
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child);
  } catch (error) {
    child.kill("SIGTERM");
    cleanup();
    throw error;
  }
  return {
    port,
    root,
    pki,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      cleanup();
    },
  };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isDirectory(file: string): boolean {
  return statSync(file).isDirectory();
}
