import { existsSync, readFileSync } from "node:fs";
import { connect as tlsConnect } from "node:net";
import { connect as secureConnect } from "node:tls";
import { Client as FtpClient } from "basic-ftp";
import { connectAsync } from "mqtt";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fleet, FleetPrinter } from "./fleet";
import { startFleet } from "./fleet";

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

/** A TLS handshake that verifies the printer's certificate against the fleet CA and its serial. */
function verifiedTls(p: FleetPrinter, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = secureConnect({ host: p.host, port, ca: p.caCert ?? "", servername: p.serial });
    socket.once("secureConnect", () => {
      const cn = socket.getPeerCertificate().subject?.CN;
      socket.destroy();
      if (cn === p.serial) resolve();
      else reject(new Error(`certificate CN ${cn} is not ${p.serial}`));
    });
    socket.once("error", reject);
  });
}

describe("startFleet", () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet({ bambu: 2, prusa: 2, baseHost: "127.0.0.60", defaultPorts: false, printSeconds: 30 });
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it("lists every printer with what is needed to add it", () => {
    expect(fleet.printers.map((p) => [p.kind, p.model, p.host])).toEqual([
      ["bambu", "A1", "127.0.0.60"],
      ["bambu", "A1 mini", "127.0.0.61"],
      ["prusalink", "Core One", "127.0.0.62"],
      ["prusalink", "MK4", "127.0.0.63"],
    ]);
    const ca = readFileSync(fleet.caCertPath, "utf8");
    expect(ca).toContain("BEGIN CERTIFICATE");
    for (const p of fleet.printers.filter((x) => x.kind === "bambu")) {
      expect(p).toMatchObject({ tls: "custom-ca", caCertPath: fleet.caCertPath, httpPort: null, username: "bblp" });
      expect(p.accessCode).toMatch(/^\d{8}$/);
      expect(p.caCert?.trim()).toBe(ca.trim());
      expect([p.mqttPort, p.ftpPort, p.cameraPort].every((port) => typeof port === "number" && port > 0)).toBe(true);
    }
    for (const p of fleet.printers.filter((x) => x.kind === "prusalink")) {
      expect(p).toMatchObject({ tls: null, mqttPort: null, username: "maker" });
      expect(p.password?.length).toBeGreaterThanOrEqual(8);
      expect(p.httpPort).toBeGreaterThan(0);
    }
    expect(new Set(fleet.printers.map((p) => p.serial)).size).toBe(4);
  });

  it("every port answers: PrusaLink over HTTP, Bambu MQTT, FTPS and camera over verified TLS", async () => {
    for (const p of fleet.printers) {
      if (p.kind === "prusalink") {
        const r = await fetch(`http://${p.host}:${p.httpPort}/api/version`, { headers: { "X-Api-Key": p.password ?? "" } });
        expect(r.status).toBe(200);
        await r.text();
        continue;
      }
      const mqtt = await connectAsync(`mqtts://${p.host}:${p.mqttPort}`, {
        username: "bblp",
        password: p.accessCode ?? "",
        ca: p.caCert ?? "",
        servername: p.serial,
        reconnectPeriod: 0,
        connectTimeout: 5000,
      });
      await mqtt.endAsync();
      const ftp = new FtpClient(5000);
      try {
        await ftp.access({
          host: p.host,
          port: p.ftpPort ?? 0,
          user: "bblp",
          password: p.accessCode ?? "",
          secure: "implicit",
          secureOptions: { ca: p.caCert ?? "", servername: p.serial },
        });
        await ftp.list("/");
      } finally {
        ftp.close();
      }
      if (p.cameraPort !== null) await verifiedTls(p, p.cameraPort);
    }
  });

  it("close stops every simulator and removes its temporary data", async () => {
    const ports = fleet.printers.flatMap((p) =>
      [p.mqttPort, p.ftpPort, p.cameraPort, p.httpPort].filter((x): x is number => x !== null).map((port) => [p.host, port] as const),
    );
    await fleet.close();
    for (const [host, port] of ports) expect(await refused(host, port), `${host}:${port}`).toBe(true);
    expect(existsSync(fleet.dataDir)).toBe(false);
  });
});
