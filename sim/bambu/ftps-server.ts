import { realpath } from "node:fs/promises";
import net from "node:net";
import tls, { type TLSSocket } from "node:tls";
import type { Logger } from "@/lib/log/logger";
import type { PemKeyPair } from "./certificates";
import { FtpSession, type PassivePort } from "./ftp-session";

export interface FtpsServerOptions {
  host: string;
  port: number;
  rootDir: string;
  accessCode: string;
  certificate: PemKeyPair;
  supportsRest: boolean;
  supportsFeat: boolean;
  maxTlsVersion: "TLSv1.2" | "TLSv1.3";
  log: Logger;
}

export interface FtpsServer {
  readonly port: number;
  setCertificate(certificate: PemKeyPair): void;
  /** Drops every control and data connection. */
  disconnectAll(): void;
  close(): Promise<void>;
}

/**
 * Implicit-TLS FTP server. Control and data connections go through one tls.Server, so
 * they share its session cache and ticket keys: a client that resumes the control
 * session on the data connection (TLS 1.2 or 1.3) is recognised via isSessionReused().
 * Passive ports are plain listeners whose sockets are injected into that server.
 */
export async function startFtpsServer(options: FtpsServerOptions): Promise<FtpsServer> {
  const rootReal = await realpath(options.rootDir);
  const { log } = options;
  const secureOptions = (pair: PemKeyPair): tls.SecureContextOptions => ({
    key: pair.keyPem,
    cert: pair.certPem,
    minVersion: "TLSv1.2",
    maxVersion: options.maxTlsVersion,
  });
  const server = tls.createServer({ ...secureOptions(options.certificate), handshakeTimeout: 15_000 });
  // Session-id resumption (TLS 1.2 clients without tickets) needs a cache Node leaves to us.
  const sessionCache = new Map<string, Buffer>();
  server.on("newSession", (id: Buffer, data: Buffer, done: () => void) => {
    sessionCache.set(id.toString("hex"), data);
    if (sessionCache.size > 1000) sessionCache.delete(sessionCache.keys().next().value ?? "");
    done();
  });
  server.on("resumeSession", (id: Buffer, done: (error: Error | null, data: Buffer | null) => void) => {
    done(null, sessionCache.get(id.toString("hex")) ?? null);
  });

  const dataWaiters = new Map<number, (socket: TLSSocket) => void>();
  const sockets = new Set<net.Socket>();
  const sessions = new Set<FtpSession>();
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };

  async function openPassive(control: TLSSocket): Promise<PassivePort> {
    let settle: { resolve: (socket: TLSSocket) => void; reject: (error: Error) => void } | null = null;
    const connection = new Promise<TLSSocket>((resolve, reject) => {
      settle = { resolve, reject };
    });
    connection.catch(() => undefined);
    let accepted = false;
    const listener = net.createServer((raw) => {
      // Like vsFTPd (pasv_promiscuous=NO): one connection, from the control peer only.
      if (accepted || raw.remoteAddress !== control.remoteAddress) {
        raw.destroy();
        return;
      }
      accepted = true;
      track(raw);
      listener.close();
      raw.on("error", () => undefined);
      raw.once("close", () => settle?.reject(new Error("data connection closed before TLS")));
      server.emit("connection", raw);
    });
    await new Promise<void>((resolve, reject) => {
      listener.once("error", reject);
      listener.listen(0, options.host, () => resolve());
    });
    const address = listener.address();
    const port = typeof address === "object" && address ? address.port : 0;
    dataWaiters.set(port, (socket) => {
      dataWaiters.delete(port);
      settle?.resolve(socket);
    });
    return {
      port,
      connection,
      close: () => {
        dataWaiters.delete(port);
        listener.close();
        settle?.reject(new Error("passive port closed"));
      },
    };
  }

  server.on("secureConnection", (socket: TLSSocket) => {
    const waiter = dataWaiters.get(socket.localPort ?? -1);
    if (waiter) {
      waiter(socket);
      return;
    }
    track(socket);
    const session = new FtpSession(socket, {
      rootReal,
      accessCode: options.accessCode,
      supportsRest: options.supportsRest,
      supportsFeat: options.supportsFeat,
      openPassive,
      log,
    });
    sessions.add(session);
    socket.once("close", () => sessions.delete(session));
  });
  server.on("connection", (socket: net.Socket) => track(socket));
  server.on("tlsClientError", (error) => log.debug({ err: error }, "ftps tls handshake failed"));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  log.debug({ port }, "ftps listening");

  return {
    port,
    setCertificate: (certificate) => server.setSecureContext(secureOptions(certificate)),
    disconnectAll: () => {
      for (const session of sessions) session.dispose();
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const session of sessions) session.dispose();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
