import { createServer as createTlsServer, type Server, type TLSSocket } from "node:tls";
import { Aedes, type AedesPublishPacket } from "aedes";
import { createTestPki, type TestPki } from "./certs";
import { fixture } from "./fixtures";

/**
 * Test-only: a minimal MQTT "printer" (aedes over TLS, certificate CN = serial) that
 * answers pushall with a recorded snapshot, get_version with a recorded reply and
 * acknowledges commands. It exercises the connection layer; the full printer
 * simulator lives in sim/bambu.
 */

export interface TestBrokerOptions {
  serial: string;
  accessCode: string;
  /** CONNACK code for a wrong password (printers answer 5). */
  refuseWith?: 4 | 5;
}

export interface TestBroker {
  port: number;
  pki: TestPki;
  connects: number;
  refusedConnects: number;
  subscriptions: number;
  /** Most TLS connections open at the same time. */
  maxConcurrent: number;
  pushalls: number;
  requests: unknown[];
  /** Stop answering and stop reporting (the connection stays open). */
  silent: boolean;
  /** false: commands are refused with err_code 84033543, as without Developer mode. */
  developerMode: boolean;
  /** Report `fun` with the "signed commands only" bit set. */
  funBit: boolean;
  sendReport(payload: unknown): void;
  disconnectClients(): void;
  close(): Promise<void>;
}

export async function startTestBroker(options: TestBrokerOptions): Promise<TestBroker> {
  const pki = createTestPki(options.serial);
  const reportTopic = `device/${options.serial}/report`;
  const requestTopic = `device/${options.serial}/request`;
  const sockets = new Set<TLSSocket>();
  const broker = await Aedes.createBroker({
    authenticate: (_client, username, password, done) => {
      if (username === "bblp" && password?.toString() === options.accessCode) {
        state.connects += 1;
        done(null, true);
        return;
      }
      state.refusedConnects += 1;
      done(Object.assign(new Error("not authorized"), { returnCode: options.refuseWith ?? 5 }), null);
    },
  });
  const report = (payload: unknown) => {
    broker.publish({ cmd: "publish", topic: reportTopic, payload: Buffer.from(JSON.stringify(payload)), qos: 0, retain: false, dup: false }, () => undefined);
  };
  const onRequest = (packet: AedesPublishPacket) => {
    if (packet.topic !== requestTopic || state.silent) return;
    const message: unknown = JSON.parse(packet.payload.toString());
    state.requests.push(message);
    if (typeof message !== "object" || message === null) return;
    if ("pushing" in message) {
      state.pushalls += 1;
      const snapshot = fixture("a1-pushall-idle.json").json;
      if (typeof snapshot === "object" && snapshot !== null && "print" in snapshot && typeof snapshot.print === "object") {
        report({ print: { ...snapshot.print, fun: state.funBit ? "3E2FFFF9CFF" : "3E2DFFF9CFF" } });
      }
    } else if ("info" in message && typeof message.info === "object" && message.info !== null && "sequence_id" in message.info) {
      const version = fixture("a1-get_version.json").json;
      if (typeof version === "object" && version !== null && "info" in version && typeof version.info === "object") {
        report({ info: { ...version.info, sequence_id: message.info.sequence_id } });
      }
    } else {
      for (const channel of ["print", "system"] as const) {
        if (!(channel in message)) continue;
        const body = Reflect.get(message, channel);
        if (typeof body !== "object" || body === null) continue;
        const outcome = state.developerMode
          ? { result: "success", reason: "" }
          : { result: "failed", reason: "mqtt message verify failed", err_code: 84033543 };
        report({ [channel]: { ...body, ...outcome } });
      }
    }
  };
  broker.on("subscribe", (subscriptions) => {
    if (subscriptions.some((subscription) => subscription.topic === reportTopic)) state.subscriptions += 1;
  });
  broker.on("publish", (packet) => {
    try {
      onRequest(packet);
    } catch {
      return;
    }
  });
  const server: Server = createTlsServer({ cert: pki.certPem, key: pki.keyPem }, (socket) => {
    sockets.add(socket);
    state.maxConcurrent = Math.max(state.maxConcurrent, sockets.size);
    socket.on("close", () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const state: TestBroker = {
    port: typeof address === "object" && address ? address.port : 0,
    pki,
    connects: 0,
    refusedConnects: 0,
    subscriptions: 0,
    maxConcurrent: 0,
    pushalls: 0,
    requests: [],
    silent: false,
    developerMode: true,
    funBit: false,
    sendReport: report,
    disconnectClients: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
  return state;
}
