import { Aedes, type AuthenticateError, type Client } from "aedes";
import tls, { type TLSSocket } from "node:tls";
import type { Logger } from "@/lib/log/logger";
import type { PemKeyPair } from "./certificates";

export interface MqttBrokerOptions {
  host: string;
  port: number;
  serial: string;
  accessCode: string;
  certificate: PemKeyPair;
  maxClients: number;
  log: Logger;
  /** A message a client published to device/{serial}/request. */
  onRequest: (payload: Buffer) => void;
}

export interface MqttBroker {
  readonly port: number;
  connectedClients(): number;
  publishReport(payload: string): void;
  setCertificate(certificate: PemKeyPair): void;
  disconnectAll(): void;
  close(): Promise<void>;
}

function connackError(message: string, returnCode: 3 | 5): AuthenticateError {
  return Object.assign(new Error(message), { returnCode });
}

/**
 * The printer's MQTT side: MQTT 3.1.1 over TLS 1.2 (aedes), user `bblp` with the
 * access code, a client may only subscribe to its report topic and publish to its
 * request topic, and only `maxClients` may be connected at once.
 */
export async function startMqttBroker(options: MqttBrokerOptions): Promise<MqttBroker> {
  const { log, serial } = options;
  const reportTopic = `device/${serial}/report`;
  const requestTopic = `device/${serial}/request`;
  const admitted = new Set<Client>();

  const broker = await Aedes.createBroker({
    heartbeatInterval: 3_600_000,
    authenticate: (client, username, password, done) => {
      const others = [...admitted].filter((c) => c.id !== client.id).length;
      if (others >= options.maxClients) {
        log.debug({ clientId: client.id }, "mqtt client refused: too many clients");
        return done(connackError("Server unavailable", 3), false);
      }
      if (username !== "bblp" || password?.toString("utf8") !== options.accessCode) {
        log.debug({ clientId: client.id }, "mqtt client refused: bad credentials");
        return done(connackError("Not authorized", 5), false);
      }
      admitted.add(client);
      client.conn.once("close", () => admitted.delete(client));
      done(null, true);
    },
    authorizeSubscribe: (_client, subscription, done) => {
      done(null, subscription.topic === reportTopic ? subscription : null);
    },
    authorizePublish: (client, packet, done) => {
      done(client && packet.topic === requestTopic ? null : new Error(`publishing to ${packet.topic} is not allowed`));
    },
  });
  broker.on("clientDisconnect", (client) => admitted.delete(client));
  broker.on("publish", (packet, client) => {
    if (client && packet.topic === requestTopic) options.onRequest(Buffer.from(packet.payload));
  });
  broker.on("clientError", (client, error) => log.debug({ clientId: client.id, err: error }, "mqtt client error"));

  const secureOptions = (pair: PemKeyPair): tls.SecureContextOptions => ({
    key: pair.keyPem,
    cert: pair.certPem,
    minVersion: "TLSv1.2",
    maxVersion: "TLSv1.2",
  });
  const sockets = new Set<TLSSocket>();
  const server = tls.createServer({ ...secureOptions(options.certificate), handshakeTimeout: 10_000 }, (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.on("error", (error) => log.debug({ err: error }, "mqtt socket error"));
    broker.handle(socket);
  });
  server.on("tlsClientError", (error) => log.debug({ err: error }, "mqtt tls handshake failed"));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();

  return {
    port: typeof address === "object" && address ? address.port : options.port,
    connectedClients: () => admitted.size,
    publishReport: (payload) => {
      broker.publish({ cmd: "publish", topic: reportTopic, payload, qos: 0, retain: false, dup: false }, (error) => {
        if (error) log.warn({ err: error }, "report publish failed");
      });
    },
    setCertificate: (certificate) => server.setSecureContext(secureOptions(certificate)),
    disconnectAll: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
