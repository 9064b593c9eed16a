import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestResponse, parseAuthorization } from "./digest-auth";
import type { PrusaLinkSimulator } from "./index";
import { startPrusaLinkSimulator } from "./index";
import { curl, fileInfoSchema, folderSchema, jobSchema, readJson, statusSchema } from "./test-helpers";

const password = "Zq7Xr2Lm9Pw4Kt6";

describe("PrusaLink simulator (Buddy) with off-the-shelf clients", () => {
  let sim: PrusaLinkSimulator;
  const url = (p: string) => `${sim.url}${p}`;
  const key = () => ({ "X-Api-Key": password });

  beforeAll(async () => {
    sim = await startPrusaLinkSimulator({ model: "Core One", password, printSeconds: 600, nonceTtlMs: 400 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it("curl --digest gets /api/v1/status", async () => {
    const r = await curl(["--digest", "-u", `maker:${password}`, url("/api/v1/status")]);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json");
    const body = statusSchema.parse(JSON.parse(r.body.toString()));
    expect(body.printer.state).toBe("IDLE");
    expect(body.storage).toEqual({ path: "/usb/", name: "usb", read_only: false });
  });

  it("curl with a wrong password gets 401 and a fresh challenge", async () => {
    const r = await curl(["--digest", "-u", "maker:wrong", url("/api/v1/status")]);
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toMatch(/^Digest realm="Printer API", nonce="[0-9a-f]{16}", stale=false$/);
    expect(r.body.toString()).toBe("401: Unauthorized\n\n\n");
  });

  it("undici fetch works with X-Api-Key; a wrong key is 401", async () => {
    const ok = await fetch(url("/api/v1/info"), { headers: key() });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('"nozzle_diameter":0.40');
    const bad = await fetch(url("/api/v1/info"), { headers: { "X-Api-Key": "nope" } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toBe('ApiKey realm="Printer API"');
    await bad.text();
  });

  it("answers an expired nonce with 401 stale=true, and only when the digest was right", async () => {
    const challenge = await fetch(url("/api/version"));
    await challenge.text();
    const nonce = parseAuthorization(challenge.headers.get("www-authenticate") ?? "")?.params.get("nonce") ?? "";
    const header = (pw: string) => {
      const response = digestResponse({ username: "maker", realm: "Printer API", password: pw, method: "GET", uri: "/api/version", nonce });
      return `Digest username="maker", realm="Printer API", nonce="${nonce}", uri="/api/version", response="${response}"`;
    };
    const fresh = await fetch(url("/api/version"), { headers: { Authorization: header(password) } });
    expect(fresh.status).toBe(200);
    await fresh.text();
    await new Promise((r) => setTimeout(r, 600));
    const stale = await fetch(url("/api/version"), { headers: { Authorization: header(password) } });
    expect(stale.status).toBe(401);
    expect(stale.headers.get("www-authenticate")).toMatch(/stale=true$/);
    await stale.text();
    const wrong = await fetch(url("/api/version"), { headers: { Authorization: header("wrong") } });
    expect(wrong.headers.get("www-authenticate")).toMatch(/stale=false$/);
    await wrong.text();
  });

  it("rejects an Authorization header with algorithm= by default, accepts it when told to", async () => {
    const attempt = async (target: PrusaLinkSimulator, withAlgorithm: boolean) => {
      const challenge = await fetch(`${target.url}/api/version`);
      await challenge.text();
      const nonce = parseAuthorization(challenge.headers.get("www-authenticate") ?? "")?.params.get("nonce") ?? "";
      const response = digestResponse({ username: "maker", realm: "Printer API", password, method: "GET", uri: "/api/version", nonce });
      const algorithm = withAlgorithm ? "algorithm=MD5, " : "";
      const header = `Digest username="maker", realm="Printer API", nonce="${nonce}", uri="/api/version", ${algorithm}response="${response}"`;
      const r = await fetch(`${target.url}/api/version`, { headers: { Authorization: header } });
      await r.text();
      return r.status;
    };
    expect(await attempt(sim, true)).toBe(401);
    expect(await attempt(sim, false)).toBe(200);
    const lenient = await startPrusaLinkSimulator({ password, rejectAlgorithmParam: false });
    try {
      expect(await attempt(lenient, true)).toBe(200);
    } finally {
      await lenient.close();
    }
  });

  it("curl -r 100-199 gets 206 with exactly those bytes; out of range is 416", async () => {
    const listing: unknown = await (await fetch(url("/api/v1/files/usb/BENCHY.GCO"), { headers: key() })).json();
    expect(listing).toMatchObject({ name: "BENCHY.GCO", display_name: "benchy.gcode", refs: { download: "/usb/BENCHY.GCO" } });
    const onDisk = await readFile(`${sim.storageDir}/benchy.gcode`);
    const r = await curl(["--digest", "-u", `maker:${password}`, "-r", "100-199", url("/usb/BENCHY.GCO")]);
    expect(r.status).toBe(206);
    expect(r.headers.get("content-range")).toBe(`bytes 100-199/${onDisk.length}`);
    expect(r.body.equals(onDisk.subarray(100, 200))).toBe(true);
    const beyond = await curl(["-H", `X-Api-Key: ${password}`, "-r", `${onDisk.length + 10}-`, url("/usb/BENCHY.GCO")]);
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${onDisk.length}`);
  });

  it("downloads and listings carry ETags and answer If-None-Match with 304", async () => {
    const first = await fetch(url("/usb/BENCHY.GCO"), { headers: key() });
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"\d+"$/);
    await first.arrayBuffer();
    const again = await fetch(url("/usb/BENCHY.GCO"), { headers: { ...key(), "If-None-Match": etag } });
    expect(again.status).toBe(304);
    const folder = await fetch(url("/api/v1/files/usb/OTHER"), { headers: key() });
    const body: unknown = await folder.json();
    expect(body).toMatchObject({ type: "FOLDER", name: "OTHER" });
    const folderEtag = folder.headers.get("etag") ?? "";
    const cached = await fetch(url("/api/v1/files/usb/OTHER"), { headers: { ...key(), "If-None-Match": folderEtag } });
    expect(cached.status).toBe(304);
  });

  it("lists folders recursively reachable by short and long names", async () => {
    const root = await readJson(await fetch(url("/api/v1/files/usb"), { headers: key() }), folderSchema);
    const other = root.children.find((c) => c.display_name === "Other");
    expect(other).toMatchObject({ name: "OTHER", type: "FOLDER" });
    const nested = await fetch(url("/api/v1/files/usb/Other/Spare%20Parts"), { headers: key() });
    const nestedBody = await readJson(nested, folderSchema);
    const download = nestedBody.children[0]?.refs?.download ?? "";
    expect(download).toMatch(/^\/usb\/OTHER\/SPAREP~1\/FAN-SH~1\.GCO$/);
    const file = await fetch(url(download), { headers: key() });
    expect(file.status).toBe(200);
    expect((await file.text()).startsWith("; generated by PrusaSlicer")).toBe(true);
  });

  it("serves real PNG thumbnails", async () => {
    for (const [size, dims] of [["s", [16, 16]], ["l", [313, 173]]] as const) {
      const r = await fetch(url(`/thumb/${size}/usb/BENCHY.GCO`), { headers: key() });
      expect(r.headers.get("content-type")).toBe("image/png");
      const png = Buffer.from(await r.arrayBuffer());
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(dims);
    }
  });

  it("never serves anything outside the storage folder", async () => {
    for (const p of ["/usb/../../etc/passwd", "/usb/%2e%2e/%2e%2e/etc/passwd", "/api/v1/files/usb/..%2F..%2Fetc", "/thumb/l/usb/../../etc/hostname"]) {
      const r = await curl(["--path-as-is", "-H", `X-Api-Key: ${password}`, url(p)]);
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body.toString()).not.toContain("root:");
    }
  });

  it("job commands: 204 when allowed, 409 in the wrong state, 404 for another id", async () => {
    const start = await fetch(url("/api/v1/files/usb/CABLE-~1.GCO"), { method: "POST", headers: key() });
    expect(start.status).toBe(204);
    const busy = await fetch(url("/api/v1/files/usb/BENCHY.GCO"), { method: "POST", headers: key() });
    expect(busy.status).toBe(409);
    const job = await readJson(await fetch(url("/api/v1/job"), { headers: key() }), jobSchema);
    expect(job.state).toBe("PRINTING");
    expect(job.file.display_name).toMatch(/^Cable-Clip/);
    const put = (p: string) => fetch(url(p), { method: "PUT", headers: key() }).then((r) => r.status);
    expect(await put(`/api/v1/job/${job.id + 1}/pause`)).toBe(404);
    expect(await put(`/api/v1/job/${job.id}/resume`)).toBe(409);
    expect(await put(`/api/v1/job/${job.id}/pause`)).toBe(204);
    expect(await put(`/api/v1/job/${job.id}/pause`)).toBe(409);
    expect((await readJson(await fetch(url("/api/v1/status"), { headers: key() }), statusSchema)).printer.state).toBe("PAUSED");
    expect(await put(`/api/v1/job/${job.id}/resume`)).toBe(204);
    const del = (id: number) => fetch(url(`/api/v1/job/${id}`), { method: "DELETE", headers: key() }).then((r) => r.status);
    expect(await del(job.id + 7)).toBe(404);
    expect(await del(job.id)).toBe(204);
    expect(await del(job.id)).toBe(409);
    const after = await fetch(url("/api/v1/job"), { headers: key() });
    expect(after.status).toBe(204);
    expect(await after.text()).toBe("");
    expect((await readJson(await fetch(url("/api/v1/status"), { headers: key() }), statusSchema)).printer.state).toBe("STOPPED");
    sim.acknowledge();
  });

  it("PUT with Print-After-Upload starts the uploaded file; Overwrite is required to replace it", async () => {
    const content = Buffer.from("; generated by PrusaSlicer\nG28\nG1 X10 Y10\n".repeat(2000));
    const upload = (headers: Record<string, string>) =>
      fetch(url("/api/v1/files/usb/Uploaded%20Part_0.4n_0.2mm_PETG_COREONE_5m.gcode"), {
        method: "PUT",
        headers: { ...key(), "Content-Type": "application/octet-stream", ...headers },
        body: content,
      });
    const created = await upload({ "Print-After-Upload": "?1" });
    expect(created.status).toBe(201);
    const info = await readJson(created, fileInfoSchema);
    expect(info.size).toBe(content.length);
    const job = await readJson(await fetch(url("/api/v1/job"), { headers: key() }), jobSchema);
    expect(job.file).toMatchObject({ name: info.name, display_name: "Uploaded Part_0.4n_0.2mm_PETG_COREONE_5m.gcode" });
    expect((await upload({})).status).toBe(409);
    expect((await upload({ Overwrite: "?1" })).status).toBe(409);
    const stored = await readFile(`${sim.storageDir}/Uploaded Part_0.4n_0.2mm_PETG_COREONE_5m.gcode`);
    expect(createHash("sha256").update(stored).digest("hex")).toBe(createHash("sha256").update(content).digest("hex"));
    expect((await fetch(url(`/api/v1/files/usb/${info.name}`), { method: "DELETE", headers: key() })).status).toBe(409);
    sim.stop();
    expect((await upload({ Overwrite: "?1" })).status).toBe(201);
    expect((await fetch(url(`/api/v1/files/usb/${info.name}`), { method: "DELETE", headers: key() })).status).toBe(204);
    expect((await fetch(url(`/api/v1/files/usb/${info.name}`), { headers: key() })).status).toBe(404);
    const notGcode = await fetch(url("/api/v1/files/usb/notes.txt"), { method: "PUT", headers: key(), body: "x" });
    expect(notGcode.status).toBe(415);
    sim.acknowledge();
  });

  it("a large file streams completely and intact", async () => {
    const large = await sim.ensureLargeFile(8 * 1024 * 1024 + 123);
    const r = await fetch(url(large.downloadPath), { headers: key() });
    expect(r.headers.get("content-length")).toBe(String(large.size));
    const received = createHash("sha256");
    let bytes = 0;
    for await (const chunk of r.body ?? []) {
      received.update(chunk);
      bytes += chunk.length;
    }
    expect(bytes).toBe(large.size);
    expect(received.digest("hex")).toBe(createHash("sha256").update(await readFile(large.diskPath)).digest("hex"));
  });

  it("slow-board mode answers 503 or drops the connection; stall holds requests back", async () => {
    sim.setSlow({ errorRate: 1, seed: 3 });
    const refused = await fetch(url("/api/v1/status"), { headers: key() });
    expect(refused.status).toBe(503);
    await refused.text();
    sim.setSlow({ dropRate: 1, seed: 3 });
    await expect(fetch(url("/api/v1/status"), { headers: key() })).rejects.toThrow();
    sim.setSlow(null);
    sim.stall(1500);
    await expect(fetch(url("/api/v1/status"), { headers: key(), signal: AbortSignal.timeout(200) })).rejects.toThrow();
    const late = await fetch(url("/api/v1/status"), { headers: key() });
    expect(late.status).toBe(200);
    await late.text();
  });

  it("filament runout shows ATTENTION until resumed at the printer", async () => {
    await sim.startPrint("/usb/benchy.gcode");
    expect(sim.injectRunout()).toBe(true);
    const status = await readJson(await fetch(url("/api/v1/status"), { headers: key() }), statusSchema);
    expect(status.printer.state).toBe("ATTENTION");
    const job = await readJson(await fetch(url("/api/v1/job"), { headers: key() }), jobSchema);
    expect(job.state).toBe("PAUSED");
    expect((await fetch(url(`/api/v1/job/${status.job?.id}/resume`), { method: "PUT", headers: key() })).status).toBe(409);
    expect(sim.resume()).toBe(true);
    expect(sim.state().state).toBe("PRINTING");
    sim.stop();
    sim.acknowledge();
  });
});

describe("PrusaLink simulator job life", () => {
  it("runs a short print to FINISHED and the job disappears from the API", async () => {
    const sim = await startPrusaLinkSimulator({ model: "MK4", password, printSeconds: 1 });
    try {
      const headers = { "X-Api-Key": password };
      expect((await fetch(`${sim.url}/api/v1/files/usb/BENCHY.GCO`, { method: "POST", headers })).status).toBe(204);
      await new Promise((r) => setTimeout(r, 1300));
      const status = await readJson(await fetch(`${sim.url}/api/v1/status`, { headers }), statusSchema);
      expect(status.printer.state).toBe("FINISHED");
      expect(status.job).toBeUndefined();
      expect((await fetch(`${sim.url}/api/v1/job`, { headers })).status).toBe(204);
    } finally {
      await sim.close();
    }
  });
});
