import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rmdir, stat, unlink } from "node:fs/promises";
import type { Stats } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { TLSSocket } from "node:tls";
import type { Logger } from "@/lib/log/logger";
import { type ListEntry, byName, listLine, mdtmValue } from "./ftp-listing";
import { diskPath, virtualPath } from "./storage-paths";

/** A passive data port opened by PASV/EPSV; resolves with the data connection once its TLS handshake is done. */
export interface PassivePort {
  port: number;
  connection: Promise<TLSSocket>;
  close(): void;
}

export interface FtpSessionContext {
  rootReal: string;
  accessCode: string;
  supportsRest: boolean;
  supportsFeat: boolean;
  openPassive(control: TLSSocket): Promise<PassivePort>;
  log: Logger;
}

const maxLoginFailures = 3;
const idleTimeoutMs = 300_000;
const dataConnectTimeoutMs = 15_000;
const maxLineBytes = 8192;

const preLoginCommands = new Set(["USER", "PASS", "QUIT", "FEAT", "PBSZ", "PROT", "OPTS", "AUTH"]);

const features = ["AUTH TLS", "UTF8", "EPRT", "EPSV", "MDTM", "PASV", "PBSZ", "PROT", "REST STREAM", "SIZE", "TVFS"];

/**
 * One control connection, answering like vsFTPd 3.0.3 with implicit TLS and
 * require_ssl_reuse=YES (replies measured against Debian's vsftpd).
 */
export class FtpSession {
  private buffer = Buffer.alloc(0);
  private queue: Promise<void> = Promise.resolve();
  private user: string | null = null;
  private loggedIn = false;
  private loginFailures = 0;
  private cwd = "/";
  private binary = false;
  private protPrivate = false;
  private restOffset = 0;
  private renameFrom: string | null = null;
  private passive: PassivePort | null = null;
  private activeData: TLSSocket | null = null;
  private aborted = false;
  private closed = false;

  constructor(
    private readonly control: TLSSocket,
    private readonly ctx: FtpSessionContext,
  ) {
    control.setTimeout(idleTimeoutMs);
    control.on("timeout", () => {
      this.reply(421, "Timeout.");
      this.end();
    });
    control.on("data", (chunk: Buffer) => this.onData(chunk));
    control.on("close", () => this.dispose());
    control.on("error", (error) => ctx.log.debug({ err: error }, "ftp control connection error"));
    this.reply(220, "(vsFTPd 3.0.3)");
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    let newline = this.buffer.indexOf(0x0a);
    while (newline >= 0) {
      const line = this.buffer.subarray(0, newline).toString("utf8").replace(/\r$/, "");
      this.buffer = this.buffer.subarray(newline + 1);
      // ABOR must reach a running transfer, which holds the command queue.
      if (/^ABOR\b/i.test(line.trim()) && this.activeData) {
        this.aborted = true;
        this.activeData.destroy();
      }
      this.queue = this.queue.then(() => this.handle(line)).catch((error: unknown) => {
        this.ctx.log.warn({ err: error }, "ftp command failed");
        this.reply(451, "Requested action aborted. Local error in processing.");
      });
      newline = this.buffer.indexOf(0x0a);
    }
    if (this.buffer.length > maxLineBytes) {
      this.reply(500, "Input line too long.");
      this.end();
    }
  }

  private reply(code: number, text: string): void {
    if (!this.closed && this.control.writable) this.control.write(`${code} ${text}\r\n`);
  }

  private replyLines(code: number, first: string, lines: string[], last: string): void {
    if (this.closed || !this.control.writable) return;
    this.control.write(`${code}-${first}\r\n${lines.map((l) => ` ${l}\r\n`).join("")}${code} ${last}\r\n`);
  }

  private end(): void {
    this.control.end();
    this.dispose();
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.passive?.close();
    this.passive = null;
    this.activeData?.destroy();
    if (!this.control.destroyed) setTimeout(() => this.control.destroy(), 1000).unref();
  }

  private async handle(line: string): Promise<void> {
    if (this.closed) return;
    const space = line.indexOf(" ");
    const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
    const arg = space < 0 ? "" : line.slice(space + 1);
    if (!this.loggedIn && !preLoginCommands.has(verb)) return this.reply(530, "Please login with USER and PASS.");
    const handler = this.handlers[verb];
    if (!handler) return this.reply(500, "Unknown command.");
    await handler(arg);
  }

  private readonly handlers: Record<string, (arg: string) => void | Promise<void>> = {
    USER: (arg) => {
      if (this.loggedIn) return this.reply(530, "Can't change to another user.");
      this.user = arg;
      this.reply(331, "Please specify the password.");
    },
    PASS: async (arg) => {
      if (this.loggedIn) return this.reply(230, "Already logged in.");
      if (this.user === null) return this.reply(503, "Login with USER first.");
      if (this.user === "bblp" && arg === this.ctx.accessCode) {
        this.loggedIn = true;
        return this.reply(230, "Login successful.");
      }
      this.user = null;
      this.loginFailures++;
      // vsFTPd's delay_failed_login: a second per failure, then the door closes.
      await new Promise((resolve) => setTimeout(resolve, 200));
      this.reply(530, "Login incorrect.");
      if (this.loginFailures >= maxLoginFailures) this.end();
    },
    AUTH: () => this.reply(534, "Already using TLS."),
    PBSZ: () => this.reply(200, "PBSZ set to 0."),
    PROT: (arg) => {
      const level = arg.trim().toUpperCase();
      if (level === "P") {
        this.protPrivate = true;
        return this.reply(200, "PROT now Private.");
      }
      if (level === "C") {
        this.protPrivate = false;
        return this.reply(200, "PROT now Clear.");
      }
      this.reply(536, "Bad PROT command.");
    },
    FEAT: () => {
      if (!this.ctx.supportsFeat) return this.reply(502, "Command not implemented.");
      const list = this.ctx.supportsRest ? features : features.filter((f) => f !== "REST STREAM");
      this.replyLines(211, "Features:", list, "End");
    },
    OPTS: (arg) => {
      if (/^UTF8( ON)?$/i.test(arg.trim())) return this.reply(200, "Always in UTF8 mode.");
      this.reply(501, "Option not understood.");
    },
    SYST: () => this.reply(215, "UNIX Type: L8"),
    NOOP: () => this.reply(200, "NOOP ok."),
    QUIT: () => {
      this.reply(221, "Goodbye.");
      this.end();
    },
    TYPE: (arg) => {
      const type = arg.trim().toUpperCase();
      if (type === "I" || type === "L 8") {
        this.binary = true;
        return this.reply(200, "Switching to Binary mode.");
      }
      if (type === "A" || type === "A N") {
        this.binary = false;
        return this.reply(200, "Switching to ASCII mode.");
      }
      this.reply(500, "Unrecognised TYPE command.");
    },
    STRU: (arg) => (arg.trim().toUpperCase() === "F" ? this.reply(200, "Structure set to F.") : this.reply(504, "Bad STRU command.")),
    MODE: (arg) => (arg.trim().toUpperCase() === "S" ? this.reply(200, "Mode set to S.") : this.reply(504, "Bad MODE command.")),
    ALLO: () => this.reply(202, "ALLO command ignored."),
    PWD: () => this.reply(257, `"${this.cwd}" is the current directory`),
    XPWD: () => this.reply(257, `"${this.cwd}" is the current directory`),
    CWD: (arg) => this.changeDirectory(arg),
    CDUP: () => this.changeDirectory(".."),
    XCUP: () => this.changeDirectory(".."),
    REST: (arg) => {
      if (!this.ctx.supportsRest) return this.reply(502, "Command not implemented.");
      const offset = /^\d+$/.test(arg.trim()) ? Number(arg.trim()) : 0;
      this.restOffset = offset;
      this.reply(350, `Restart position accepted (${offset}).`);
    },
    PASV: () => this.enterPassive(false),
    EPSV: (arg) => (arg.trim().toUpperCase() === "ALL" ? this.reply(200, "EPSV ALL ok.") : this.enterPassive(true)),
    PORT: () => this.reply(500, "Illegal PORT command."),
    EPRT: () => this.reply(500, "Bad EPRT command."),
    ABOR: () => {
      if (!this.aborted) return this.reply(225, "No transfer to ABOR.");
      this.aborted = false;
      this.reply(226, "ABOR successful.");
    },
    SIZE: (arg) => this.size(arg),
    MDTM: (arg) => this.mdtm(arg),
    DELE: (arg) => this.delete(arg),
    MKD: (arg) => this.makeDirectory(arg),
    XMKD: (arg) => this.makeDirectory(arg),
    RMD: (arg) => this.removeDirectory(arg),
    XRMD: (arg) => this.removeDirectory(arg),
    RNFR: (arg) => this.renameFromCommand(arg),
    RNTO: (arg) => this.renameToCommand(arg),
    LIST: (arg) => this.list(arg, false),
    NLST: (arg) => this.list(arg, true),
    RETR: (arg) => this.retrieve(arg),
    STOR: (arg) => this.store(arg),
    STAT: () => this.replyLines(211, "FTP server status:", [`Logged in as ${this.user ?? ""}`, `TYPE: ${this.binary ? "BINARY" : "ASCII"}`, "vsFTPd 3.0.3 - secure, fast, stable"], "End of status"),
  };

  private resolve(arg: string): string {
    return virtualPath(this.cwd, arg);
  }

  private async statOf(virtual: string): Promise<{ disk: string; stats: Stats } | null> {
    const disk = await diskPath(this.ctx.rootReal, virtual, true);
    if (!disk) return null;
    try {
      return { disk, stats: await stat(disk) };
    } catch {
      return null;
    }
  }

  private async changeDirectory(arg: string): Promise<void> {
    const target = this.resolve(arg);
    const found = await this.statOf(target);
    if (!found?.stats.isDirectory()) return this.reply(550, "Failed to change directory.");
    this.cwd = target;
    this.reply(250, "Directory successfully changed.");
  }

  private async size(arg: string): Promise<void> {
    const found = await this.statOf(this.resolve(arg));
    if (!found?.stats.isFile()) return this.reply(550, "Could not get file size.");
    this.reply(213, String(found.stats.size));
  }

  private async mdtm(arg: string): Promise<void> {
    const found = await this.statOf(this.resolve(arg));
    if (!found?.stats.isFile()) return this.reply(550, "Could not get file modification time.");
    this.reply(213, mdtmValue(found.stats.mtime));
  }

  private async delete(arg: string): Promise<void> {
    const found = await this.statOf(this.resolve(arg));
    if (!found?.stats.isFile()) return this.reply(550, "Delete operation failed.");
    try {
      await unlink(found.disk);
      this.reply(250, "Delete operation successful.");
    } catch {
      this.reply(550, "Delete operation failed.");
    }
  }

  private async makeDirectory(arg: string): Promise<void> {
    const target = this.resolve(arg);
    const disk = target === "/" ? null : await diskPath(this.ctx.rootReal, target, false);
    try {
      if (!disk) throw new Error("outside root");
      await mkdir(disk);
      this.reply(257, `"${target}" created`);
    } catch {
      this.reply(550, "Create directory operation failed.");
    }
  }

  private async removeDirectory(arg: string): Promise<void> {
    const target = this.resolve(arg);
    const found = target === "/" ? null : await this.statOf(target);
    try {
      if (!found?.stats.isDirectory()) throw new Error("no directory");
      await rmdir(found.disk);
      this.reply(250, "Remove directory operation successful.");
    } catch {
      this.reply(550, "Remove directory operation failed.");
    }
  }

  private async renameFromCommand(arg: string): Promise<void> {
    const target = this.resolve(arg);
    const found = target === "/" ? null : await this.statOf(target);
    if (!found) {
      this.renameFrom = null;
      return this.reply(550, "RNFR command failed.");
    }
    this.renameFrom = found.disk;
    this.reply(350, "Ready for RNTO.");
  }

  private async renameToCommand(arg: string): Promise<void> {
    const from = this.renameFrom;
    this.renameFrom = null;
    if (!from) return this.reply(503, "RNFR required first.");
    const target = this.resolve(arg);
    const to = target === "/" ? null : await diskPath(this.ctx.rootReal, target, false);
    try {
      if (!to) throw new Error("outside root");
      await rename(from, to);
      this.reply(250, "Rename successful.");
    } catch {
      this.reply(550, "Rename failed.");
    }
  }

  private async enterPassive(extended: boolean): Promise<void> {
    this.passive?.close();
    this.passive = await this.ctx.openPassive(this.control);
    const port = this.passive.port;
    if (extended) return this.reply(229, `Entering Extended Passive Mode (|||${port}|)`);
    const address = (this.control.address() as AddressInfo).address.replace(/^::ffff:/, "");
    const octets = /^\d+\.\d+\.\d+\.\d+$/.test(address) ? address.split(".") : ["127", "0", "0", "1"];
    this.reply(227, `Entering Passive Mode (${octets.join(",")},${port >> 8},${port & 0xff}).`);
  }

  /**
   * Waits for the data connection, then enforces what vsFTPd enforces: PROT P, and a
   * TLS session resumed from the control connection. Without reuse it answers 522 and
   * ends the session, as vsFTPd does. Resolves null when the transfer cannot go ahead.
   */
  private async openData(preliminary: string): Promise<TLSSocket | null> {
    const passive = this.passive;
    this.passive = null;
    if (!passive) {
      this.reply(425, "Use PORT or PASV first.");
      return null;
    }
    if (!this.protPrivate) {
      passive.close();
      this.reply(522, "Data connections must be encrypted.");
      return null;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), dataConnectTimeoutMs);
    });
    const data = await Promise.race([passive.connection.catch(() => null), timeout]);
    clearTimeout(timer);
    passive.close();
    if (!data) {
      this.reply(425, "Failed to establish connection.");
      return null;
    }
    this.reply(150, preliminary);
    if (!data.isSessionReused()) {
      this.reply(522, "SSL connection failed: session reuse required");
      data.destroy();
      this.end();
      return null;
    }
    this.activeData = data;
    data.on("error", (error) => this.ctx.log.debug({ err: error }, "ftp data connection error"));
    return data;
  }

  private finishData(data: TLSSocket): void {
    this.activeData = null;
    if (!data.destroyed) setTimeout(() => data.destroy(), 5000).unref();
  }

  private async list(arg: string, namesOnly: boolean): Promise<void> {
    const words = arg.trim() ? arg.trim().split(/\s+/) : [];
    const flags = words.filter((w) => w.startsWith("-")).join("");
    const pathArg = arg
      .trim()
      .replace(/^(-\S+\s*)+/, "")
      .trim();
    const showAll = flags.includes("a");
    const target = this.resolve(pathArg || ".");
    const found = await this.statOf(target);
    const entries: ListEntry[] = [];
    if (found?.stats.isDirectory()) {
      if (showAll && !namesOnly) {
        entries.push(this.entry(".", found.stats));
        const parent = await this.statOf(virtualPath(target, ".."));
        if (parent) entries.push(this.entry("..", parent.stats));
      }
      const names = await readdir(found.disk).catch(() => [] as string[]);
      const children: ListEntry[] = [];
      for (const name of names) {
        if (name.startsWith(".") && !showAll) continue;
        const child = await stat(path.join(found.disk, name)).catch(() => null);
        if (child) children.push(this.entry(name, child));
      }
      entries.push(...children.sort(byName));
    } else if (found) {
      entries.push(this.entry(pathArg ? pathArg : path.posix.basename(target), found.stats));
    }
    const data = await this.openData("Here comes the directory listing.");
    if (!data) return;
    const now = new Date();
    const text = entries.map((e) => (namesOnly ? e.name : listLine(e, now))).join("\r\n");
    try {
      await new Promise<void>((resolve, reject) => {
        data.once("error", reject);
        data.end(text ? `${text}\r\n` : "", () => resolve());
      });
      this.reply(226, found ? "Directory send OK." : "Transfer done (but failed to open directory).");
    } catch {
      this.reply(426, "Failure writing network stream.");
    } finally {
      this.finishData(data);
    }
  }

  private entry(name: string, stats: Stats): ListEntry {
    return { name, isDirectory: stats.isDirectory(), size: stats.size, mtime: stats.mtime, nlink: stats.nlink };
  }

  private async retrieve(arg: string): Promise<void> {
    const offset = this.restOffset;
    this.restOffset = 0;
    if (!this.passive) return this.reply(425, "Use PORT or PASV first.");
    const found = await this.statOf(this.resolve(arg));
    if (!found?.stats.isFile()) {
      this.passive.close();
      this.passive = null;
      return this.reply(550, "Failed to open file.");
    }
    const mode = this.binary ? "BINARY" : "ASCII";
    const data = await this.openData(`Opening ${mode} mode data connection for ${arg} (${found.stats.size} bytes).`);
    if (!data) return;
    try {
      await pipeline(createReadStream(found.disk, { start: offset, highWaterMark: 256 * 1024 }), data);
      this.reply(226, "Transfer complete.");
    } catch {
      this.reply(426, "Failure writing network stream.");
    } finally {
      this.finishData(data);
    }
  }

  private async store(arg: string): Promise<void> {
    const offset = this.restOffset;
    this.restOffset = 0;
    if (!this.passive) return this.reply(425, "Use PORT or PASV first.");
    const target = this.resolve(arg);
    const disk = target === "/" ? null : await diskPath(this.ctx.rootReal, target, false);
    const existing = disk ? await stat(disk).catch(() => null) : null;
    if (!disk || existing?.isDirectory()) {
      this.passive.close();
      this.passive = null;
      return this.reply(553, "Could not create file.");
    }
    const data = await this.openData("Ok to send data.");
    if (!data) return;
    try {
      const out = createWriteStream(disk, offset > 0 && existing ? { flags: "r+", start: offset } : { flags: "w" });
      await pipeline(data, out);
      this.reply(226, "Transfer complete.");
    } catch {
      this.reply(426, "Failure reading network stream.");
    } finally {
      this.finishData(data);
    }
  }
}
