import type { NormalizedState } from "@/lib/printers/types";
import type { BambuConnection } from "./kind";
import type { MqttConnectionInfo } from "./client";
import { isJsonObject } from "./state-merge";

/**
 * A support view of one printer: connection settings, connection health and the last
 * payloads, with secrets and identifying values removed (ha-bambulab's TO_REDACT).
 * The access code never appears, not even masked.
 */

const redacted = "[redacted]";

/** Keys whose values are secrets or identify a device or network. */
const redactKeys: ReadonlySet<string> = new Set([
  "accessCode",
  "access_code",
  "password",
  "caCert",
  "sn",
  "serial",
  "dev_id",
  "ip",
  "mask",
  "rtsp_url",
  "oss_url",
  "token",
]);

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item));
  if (!isJsonObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = redactKeys.has(key) ? redacted : redact(item);
  }
  return out;
}

/** Enough of the serial to tell printers apart in a support thread. */
export function maskSerial(serial: string): string {
  return serial.length <= 4 ? redacted : `…${serial.slice(-4)}`;
}

export interface BambuDiagnosticsInput {
  connection: BambuConnection;
  mqtt: MqttConnectionInfo;
  online: boolean;
  model: string;
  firmware: string | null;
  state: NormalizedState;
  rawState: unknown;
  lastMessage: unknown;
  invalidPayloads: number;
  lastInvalidReason: string | null;
}

export interface BambuDiagnostics {
  kind: "bambu";
  connection: {
    host: string;
    serial: string;
    model: string;
    mqttPort: number;
    ftpPort: number;
    cameraPort: number;
    tls: BambuConnection["tls"];
    customCa: boolean;
  };
  mqtt: MqttConnectionInfo;
  online: boolean;
  detectedModel: string;
  firmware: string | null;
  state: NormalizedState;
  invalidPayloads: { count: number; lastReason: string | null };
  rawState: unknown;
  lastMessage: unknown;
}

export function buildDiagnostics(input: BambuDiagnosticsInput): BambuDiagnostics {
  const { connection } = input;
  return {
    kind: "bambu",
    connection: {
      host: connection.host,
      serial: maskSerial(connection.serial),
      model: connection.model,
      mqttPort: connection.mqttPort,
      ftpPort: connection.ftpPort,
      cameraPort: connection.cameraPort,
      tls: connection.tls,
      customCa: connection.caCert !== null,
    },
    mqtt: input.mqtt,
    online: input.online,
    detectedModel: input.model,
    firmware: input.firmware,
    state: input.state,
    invalidPayloads: { count: input.invalidPayloads, lastReason: input.lastInvalidReason },
    rawState: redact(input.rawState),
    lastMessage: redact(input.lastMessage),
  };
}
