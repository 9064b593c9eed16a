import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import type { BambuSimulator } from "./simulator";
import { type JsonObject, jsonObjectSchema } from "./json";

/** An MQTT client subscribed to a simulator's report topic that records what arrives (tests only). */
export interface ReportListener {
  client: MqttClient;
  /** Parsed reports in arrival order; unparsable payloads are kept as raw strings. */
  messages: (JsonObject | string)[];
  /** Resolves with the first message from index `since` on that matches. */
  waitFor(match: (message: JsonObject) => boolean, timeoutMs?: number, since?: number): Promise<JsonObject>;
  request(message: JsonObject): void;
  close(): Promise<void>;
}

export function clientOptions(sim: BambuSimulator, overrides: IClientOptions = {}): IClientOptions {
  return {
    host: sim.host,
    port: sim.mqttPort,
    protocol: "mqtts",
    protocolVersion: 4,
    username: "bblp",
    password: sim.accessCode,
    ca: sim.caCertPem,
    servername: sim.serial,
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...overrides,
  };
}

/** Connects; rejects with the client's error (CONNACK refusals carry `code`). */
export function connectClient(options: IClientOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(options);
    client.once("connect", () => resolve(client));
    client.once("error", (error) => {
      client.end(true);
      reject(error);
    });
    client.once("close", () => reject(new Error("closed before CONNACK")));
  });
}

export async function listenToReports(sim: BambuSimulator, overrides: IClientOptions = {}): Promise<ReportListener> {
  const client = await connectClient(clientOptions(sim, overrides));
  const messages: (JsonObject | string)[] = [];
  const waiters = new Set<() => void>();
  client.on("message", (_topic, payload) => {
    const text = payload.toString("utf8");
    let parsed: JsonObject | string = text;
    try {
      const result = jsonObjectSchema.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      parsed = text;
    }
    messages.push(parsed);
    for (const wake of waiters) wake();
  });
  await client.subscribeAsync(`device/${sim.serial}/report`);
  return {
    client,
    messages,
    waitFor: (match, timeoutMs = 5000, since = 0) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          for (let i = since; i < messages.length; i++) {
            const message = messages[i];
            if (typeof message !== "string" && match(message)) {
              waiters.delete(wake);
              clearTimeout(timer);
              resolve(message);
              return true;
            }
          }
          return false;
        };
        const wake = (): void => {
          check();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching report within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      }),
    request: (message) => client.publish(`device/${sim.serial}/request`, JSON.stringify(message), { qos: 1 }),
    close: () => client.endAsync(true),
  };
}

/** The `print` section of a report, or an empty object. */
export function printOf(message: JsonObject): JsonObject {
  const print = message.print;
  return typeof print === "object" && print !== null && !Array.isArray(print) ? print : {};
}
