import { createServer } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { PrusaLinkConnection } from "./kind";
import { failureKeys } from "./failures";
import { testPrusaLinkConnection } from "./probe";
import { startFakeFirmware } from "@/testing/printers/prusalink/fake-firmware";

const PASSWORD = "pw-test-conn";
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

function conn(port: number, overrides: Partial<PrusaLinkConnection> = {}): PrusaLinkConnection {
  return { kind: "prusalink", host: "127.0.0.1", httpPort: port, username: "maker", password: PASSWORD, apiKey: null, model: "Core One", ...overrides };
}

async function httpServer(body: string, contentType: string): Promise<number> {
  const server = createServer((_req, res) => res.writeHead(200, { "content-type": contentType }).end(body));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  const address = server.address();
  return typeof address === "object" && address ? address.port : 0;
}

describe("testPrusaLinkConnection", () => {
  it("reports firmware and model of a reachable printer", async () => {
    const fw = await startFakeFirmware({ password: PASSWORD });
    open.push(fw);
    expect(await testPrusaLinkConnection(conn(fw.port))).toEqual({ ok: true, firmware: "6.2.0+8888", model: "COREONE", api: "v1" });
  });

  it("wrong port → tcp", async () => {
    const fw = await startFakeFirmware({ password: PASSWORD });
    const port = fw.port;
    await fw.close();
    expect(await testPrusaLinkConnection(conn(port))).toEqual({ ok: false, stage: "tcp", message: failureKeys.unreachable });
  });

  it("wrong password → auth", async () => {
    const fw = await startFakeFirmware({ password: PASSWORD });
    open.push(fw);
    expect(await testPrusaLinkConnection(conn(fw.port, { password: "nope" }))).toEqual({ ok: false, stage: "auth", message: failureKeys.auth });
  });

  it("name that does not resolve → dns", async () => {
    const result = await testPrusaLinkConnection(conn(80, { host: "no-such-printer.invalid" }), {
      http: {
        lookup: (_host, _opts, cb) => cb(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }), "", 4),
      },
    });
    expect(result).toEqual({ ok: false, stage: "dns", message: failureKeys.dns });
  });

  it("a web page, or JSON from something else → protocol", async () => {
    const html = await httpServer("<html><body>router login</body></html>", "text/html");
    expect(await testPrusaLinkConnection(conn(html))).toEqual({ ok: false, stage: "protocol", message: failureKeys.notPrusaLink });
    const octo = await httpServer(JSON.stringify({ api: "0.1", server: "1.9.3", text: "OctoPrint 1.9.3" }), "application/json");
    expect(await testPrusaLinkConnection(conn(octo))).toEqual({ ok: false, stage: "protocol", message: failureKeys.notPrusaLink });
  });
});
