import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PrinterFailure } from "@/lib/printers/types";
import type { PrusaLinkConnection } from "./kind";
import { PrusaLinkApi } from "./api";
import { PrusaLinkHttpClient, type HttpOptions } from "./client";
import { failureKeys } from "./failures";
import { startFakeFirmware, type FakeFirmware, type FakeFirmwareOptions } from "@/testing/printers/prusalink/fake-firmware";

const PASSWORD = "s3cret-Pw";
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

function connection(port: number, overrides: Partial<PrusaLinkConnection> = {}): PrusaLinkConnection {
  return { kind: "prusalink", host: "127.0.0.1", httpPort: port, username: "maker", password: PASSWORD, apiKey: null, model: "Core One", ...overrides };
}

async function firmware(options: FakeFirmwareOptions = {}): Promise<FakeFirmware> {
  const fw = await startFakeFirmware({ password: PASSWORD, ...options });
  open.push(fw);
  return fw;
}

function client(conn: PrusaLinkConnection, options: Partial<HttpOptions> = {}): PrusaLinkHttpClient {
  const c = new PrusaLinkHttpClient(conn, options);
  open.push(c);
  return c;
}

async function failureOf(promise: Promise<unknown>): Promise<PrinterFailure> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PrinterFailure) return err;
    throw err;
  }
  throw new Error("expected a PrinterFailure");
}

/** A port that was just free: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function rawServer(onConnection: (socket: Socket) => void): Promise<{ port: number; server: Server }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
  const address = server.address();
  return { port: typeof address === "object" && address ? address.port : 0, server };
}

describe("Digest the firmware way", () => {
  it("answers the first challenge, then reuses the nonce without further 401s", async () => {
    const fw = await firmware();
    const api = new PrusaLinkApi(client(connection(fw.port)));
    expect((await api.version()).text).toBe("PrusaLink");
    expect(fw.stats.unauthorized).toBe(1);
    await api.snapshot();
    await api.job();
    expect(fw.stats.unauthorized).toBe(1);
    expect(fw.stats.requests).toBe(4);
    expect(fw.stats.authorizations.every((h) => !/algorithm=/i.test(h))).toBe(true);
  });

  it("re-authenticates transparently once when the nonce goes stale", async () => {
    const fw = await firmware();
    const api = new PrusaLinkApi(client(connection(fw.port)));
    await api.version();
    fw.expireNonces();
    const snap = await api.snapshot();
    expect(snap.generation).toBe("v1");
    expect(fw.stats.stale).toBe(1);
    expect(fw.stats.requests).toBe(4);
  });

  it("reports a wrong password as an auth failure after one retry", async () => {
    const fw = await firmware();
    const f = await failureOf(new PrusaLinkApi(client(connection(fw.port, { password: "wrong" }))).version());
    expect([f.kind, f.stage, f.message]).toEqual(["auth", "auth", failureKeys.auth]);
    expect(fw.stats.requests).toBe(2);
  });

  it("sends X-Api-Key in API key mode; a wrong key is an auth failure", async () => {
    const fw = await firmware({ apiKey: "key-123" });
    const ok = new PrusaLinkApi(client(connection(fw.port, { password: null, apiKey: "key-123" })));
    expect((await ok.version()).api).toBe("2.0.0");
    expect(fw.stats.unauthorized).toBe(0);
    const bad = new PrusaLinkApi(client(connection(fw.port, { password: null, apiKey: "nope" })));
    expect((await failureOf(bad.version())).kind).toBe("auth");
  });

  it("renews an old nonce before streaming an upload, which cannot be replayed", async () => {
    const fw = await firmware();
    const c = client(connection(fw.port), { freshNonceMs: 0 });
    const api = new PrusaLinkApi(c);
    await api.version();
    fw.expireNonces();
    const { Readable } = await import("node:stream");
    await api.upload("/usb/NEW.BGC", Readable.from([Buffer.alloc(5000, 1)]), 5000, { printAfterUpload: false, overwrite: false });
    expect(fw.files.get("/usb/NEW.BGC")?.data.length).toBe(5000);
    expect(fw.stats.uploads).toHaveLength(1);
  });
});

describe("one request at a time", () => {
  it("never has two requests in flight, however many are asked for at once", async () => {
    const fw = await firmware({ latencyMs: 5 });
    const c = client(connection(fw.port));
    const api = new PrusaLinkApi(c);
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => api.snapshot()),
      api.job(),
      api.version(),
      api.entry({ storage: "usb", segments: [] }),
    ]);
    expect(results).toHaveLength(11);
    expect(fw.stats.maxInFlight).toBe(1);
    expect(c.stats().peak).toBe(1);
  });
});

describe("errors become PrinterFailures", () => {
  it("connection refused → tcp, temporary", async () => {
    const f = await failureOf(new PrusaLinkApi(client(connection(await closedPort()))).version());
    expect([f.kind, f.stage]).toEqual(["temporary", "tcp"]);
  });

  it("a name that does not resolve → dns", async () => {
    const lookup: HttpOptions["lookup"] = (hostname, _options, callback) => {
      const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
      callback(err, "", 4);
    };
    const f = await failureOf(new PrusaLinkApi(client(connection(80, { host: "printer.invalid" }), { lookup })).version());
    expect([f.kind, f.stage]).toEqual(["temporary", "dns"]);
  });

  it("a printer that never answers → timeout", async () => {
    const { port } = await rawServer(() => undefined);
    const f = await failureOf(new PrusaLinkApi(client(connection(port), { requestTimeoutMs: 200 })).version());
    expect([f.kind, f.stage]).toEqual(["temporary", "timeout"]);
  });

  it("something that is not HTTP → protocol", async () => {
    const { port } = await rawServer((socket) => socket.end("SSH-2.0-OpenSSH_9.2\r\n\r\n"));
    const f = await failureOf(new PrusaLinkApi(client(connection(port))).version());
    expect(f.stage).toBe("protocol");
  });

  it("403 → auth; 503 and 424 → temporary; 400 → permanent", async () => {
    const fw = await firmware();
    const api = new PrusaLinkApi(client(connection(fw.port)));
    for (const [status, kind] of [
      [403, "auth"],
      [503, "temporary"],
      [424, "temporary"],
      [400, "permanent"],
    ] as const) {
      fw.intercept = (_req, res) => {
        res.writeHead(status).end();
        return true;
      };
      expect((await failureOf(api.version())).kind).toBe(kind);
    }
  });

  it("a body that is not the expected JSON → protocol, invalid payload", async () => {
    const fw = await firmware();
    const api = new PrusaLinkApi(client(connection(fw.port)));
    for (const body of ["<html>hello</html>", '{"printer":{"temp_bed":"hot"}}', "[]", ""]) {
      fw.intercept = (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" }).end(body);
        return true;
      };
      const f = await failureOf(api.snapshot());
      expect([f.stage, f.message]).toEqual(["protocol", failureKeys.invalidPayload]);
    }
  });
});

describe("api over the firmware", () => {
  it("job is null on 204 and mirrors the print once started", async () => {
    const fw = await firmware();
    const api = new PrusaLinkApi(client(connection(fw.port)));
    expect(await api.job()).toBeNull();
    await api.startPrint("/usb/BENCHY.GCO");
    const job = await api.job();
    expect(job?.job.file?.display_name).toBe("benchy.gcode");
    expect(fw.printer.state).toBe("PRINTING");
  });

  it("pause/resume/stop by job id; 409 in the wrong state and 404 for a gone job", async () => {
    const fw = await firmware();
    const api = new PrusaLinkApi(client(connection(fw.port)));
    await api.snapshot();
    await api.startPrint("/usb/BENCHY.GCO");
    const id = fw.printer.jobId;
    await api.jobCommand("pause", id);
    expect(fw.printer.state).toBe("PAUSED");
    const conflict = await failureOf(api.jobCommand("pause", id));
    expect([conflict.kind, conflict.message]).toEqual(["permanent", failureKeys.jobWrongState]);
    await api.jobCommand("resume", id);
    expect(fw.printer.state).toBe("PRINTING");
    const gone = await failureOf(api.jobCommand("stop", 9999));
    expect(gone.message).toBe(failureKeys.jobNotFound);
    await api.jobCommand("stop", id);
    expect(fw.printer.state).toBe("STOPPED");
    expect(fw.stats.paths).toContain(`DELETE /api/v1/job/${id}`);
    expect((await failureOf(api.startPrint("/usb/NOPE.BGC"))).message).toBe(failureKeys.fileNotFound);
  });

  it("falls back to the legacy endpoints when v1 answers 404", async () => {
    const fw = await firmware({ legacy: true });
    fw.intercept = (req, res) => {
      if (req.url === "/api/printer") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ state: { text: "Printing", flags: { printing: true } }, temperature: { tool0: { actual: 200, target: 210 } } }));
        return true;
      }
      if (req.url === "/api/job") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ state: "Printing", job: { file: { name: "A.GCO", path: "/usb/A.GCO", display: "a.gcode" } }, progress: { completion: 12 } }));
        return true;
      }
      return false;
    };
    const api = new PrusaLinkApi(client(connection(fw.port)));
    const snap = await api.snapshot();
    expect(snap.generation).toBe("legacy");
    expect(api.generation).toBe("legacy");
    expect(await api.info()).toBeNull();
    const again = await api.snapshot();
    expect(again.generation).toBe("legacy");
    expect(fw.stats.paths.filter((p) => p === "GET /api/v1/status")).toHaveLength(1);
  });

  it("lists legacy files (/api/files) even before the first poll", async () => {
    const fw = await firmware({ legacy: true });
    fw.intercept = (req, res) => {
      const body: Record<string, unknown> = {
        "/api/printer": { state: { text: "Operational", flags: { operational: true, ready: true } } },
        "/api/job": { state: "Operational", job: { file: { name: null } }, progress: {} },
        "/api/files?recursive=true": {
          files: [
            {
              name: "USB",
              path: "/usb",
              display: "USB",
              type: "folder",
              children: [{ name: "A~1.BGC", display: "a.bgcode", path: "usb/A~1.BGC", type: "machinecode", size: 10, date: 1700000000 }],
            },
          ],
        },
      };
      const answer = body[req.url ?? ""];
      if (answer === undefined) return false;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      return true;
    };
    const api = new PrusaLinkApi(client(connection(fw.port)));
    const { listRemoteFiles } = await import("./files");
    expect(await listRemoteFiles(api)).toEqual([{ path: "/usb/A~1.BGC", name: "a.bgcode", size: 10, modifiedAt: new Date(1700000000 * 1000) }]);
  });

  it("caches folder listings by ETag", async () => {
    const fw = await firmware();
    const api = new PrusaLinkApi(client(connection(fw.port)));
    let notModified = 0;
    fw.intercept = (req, res) => {
      if (req.url === "/api/v1/files/usb" && req.headers["if-none-match"] === `"${fw.files.size}"`) {
        notModified += 1;
        res.writeHead(304).end();
        return true;
      }
      return false;
    };
    const first = await api.entry({ storage: "usb", segments: [] });
    const second = await api.entry({ storage: "usb", segments: [] });
    expect(notModified).toBe(1);
    expect(second).toEqual(first);
  });
});
