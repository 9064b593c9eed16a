import { fetch } from "undici";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrusaLinkSimulator } from "./index";
import { startPrusaLinkSimulator } from "./index";
import { curl, folderSchema, jobSchema, legacyPrinterSchema, readJson, statusSchema } from "./test-helpers";

describe("PrusaLink simulator, Raspberry Pi flavour", () => {
  let sim: PrusaLinkSimulator;
  const url = (p: string) => `${sim.url}${p}`;

  beforeAll(async () => {
    sim = await startPrusaLinkSimulator({ flavour: "pi", password: "pi-password-1", apiKey: "PiApiKey12345" });
  });
  afterAll(async () => {
    await sim.close();
  });

  it("speaks Digest with realm Administrator and qop=auth (curl --digest)", async () => {
    const challenge = await curl([url("/api/v1/status")]);
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get("www-authenticate")).toMatch(/^Digest realm="Administrator", qop="auth", nonce="\w+", opaque="\w+", algorithm="MD5", stale=false$/);
    const r = await curl(["--digest", "-u", "maker:pi-password-1", url("/api/v1/status")]);
    expect(r.status).toBe(200);
    const body = statusSchema.parse(JSON.parse(r.body.toString()));
    expect(z.array(z.object({ path: z.string() })).parse(body.storage).map((s) => s.path)).toEqual(["/local", "/sdcard"]);
    expect((await curl(["--digest", "-u", "maker:wrong", url("/api/v1/status")])).status).toBe(401);
  });

  it("takes its own API key; a wrong one (even the password) is 403", async () => {
    expect((await fetch(url("/api/version"), { headers: { "X-Api-Key": "PiApiKey12345" } })).status).toBe(200);
    const wrong = await fetch(url("/api/version"), { headers: { "X-Api-Key": "pi-password-1" } });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain("Bad X-Api-Key.");
  });

  it("lists both storages, downloads local files with ranges, keeps the SD card read-only", async () => {
    const headers = { "X-Api-Key": sim.apiKey };
    const local = await readJson(await fetch(url("/api/v1/files/local"), { headers }), folderSchema);
    const file = local.children.find((c) => c.type === "PRINT_FILE");
    const download = file?.refs?.download ?? "";
    expect(download).toBe(`/api/files/local/PrusaLink gcodes/${file?.name}/raw`);
    const ranged = await curl(["-H", `X-Api-Key: ${sim.apiKey}`, "-r", "0-9", url(encodeURI(download))]);
    expect(ranged.status).toBe(206);
    expect(ranged.body.toString()).toBe("; generate");
    const thumb = await fetch(url(encodeURI(file?.refs?.thumbnail ?? "")), { headers });
    expect(thumb.headers.get("content-type")).toBe("image/png");
    await thumb.arrayBuffer();
    const sd = await readJson(await fetch(url("/api/v1/files/sdcard"), { headers }), folderSchema);
    expect(sd.read_only).toBe(true);
    const put = await fetch(url("/api/v1/files/sdcard/new.gcode"), { method: "PUT", headers, body: "G28\n" });
    expect(put.status).toBe(409);
  });

  it("prints from the SD card and reports the job the Pi way", async () => {
    const headers = { "X-Api-Key": sim.apiKey };
    expect((await fetch(url("/api/v1/files/sdcard/Filament-guide_0.2mm_PETG_MK3S_1h41m.gcode"), { method: "POST", headers })).status).toBe(204);
    const job = await readJson(await fetch(url("/api/v1/job"), { headers }), jobSchema);
    expect(job.state).toBe("PRINTING");
    expect(job.file.path).toBe("/SD Card/Filament-guide_0.2mm_PETG_MK3S_1h41m.gcode");
    expect(job.file.refs.download).toBeNull();
    const legacy = await readJson(await fetch(url("/api/printer"), { headers }), legacyPrinterSchema);
    expect(legacy.state.text).toBe("Printing");
    expect(legacy.state.flags.link_state).toBe("PRINTING");
    sim.stop();
  });
});
