import { createHash } from "node:crypto";
import { readdir, readFile, statfs } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as sendRoute from "@/app/api/files/[id]/upload/route";
import * as filesRoute from "@/app/api/files/route";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { useTempDatabase } from "@/testing/db/temp-database";
import { gcodeBytes, MULTIPART_TYPE, multipartChunks, multipartLength, multipartStream, streamOf, type Part } from "@/testing/files/multipart";
import { filesConfig } from "../settings";
import { fileListSchema, uploadResultSchema } from "../schemas";
import { TMP_DIR } from "../storage";

const fixtures = path.resolve(import.meta.dirname, "../../../test/fixtures/files");
const fixture = (name: string) => readFile(path.join(fixtures, name));
const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
const MiB = 1024 * 1024;

let cleanup: () => Promise<void>;
let operator: Record<string, string>;
let viewer: Record<string, string>;

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const system = { actor: { type: "system" as const } };
  operator = await browserHeaders(await createUser({ email: "o@example.com", name: "O", password: "operator password!", role: "operator" }, system));
  viewer = await browserHeaders(await createUser({ email: "v@example.com", name: "V", password: "viewer password!", role: "viewer" }, system));
});
afterAll(() => cleanup());
afterEach(() => {
  delete process.env.PRINTERNIZER_UPLOAD_MAX_MB;
  delete process.env.PRINTERNIZER_UPLOAD_RESERVE_MB;
});

function upload(body: ReadableStream<Uint8Array>, init: { headers?: Record<string, string>; length?: number; signal?: AbortSignal } = {}) {
  const req = testRequest("POST", "/api/files", {
    rawBody: body,
    headers: { ...operator, "content-type": MULTIPART_TYPE, ...(init.length === undefined ? {} : { "content-length": String(init.length) }), ...init.headers },
  });
  return call(filesRoute.POST, init.signal ? new (req.constructor as typeof Request)(req, { signal: init.signal }) as typeof req : req);
}

async function uploadFiles(parts: { fileName: string; data: Uint8Array }[]) {
  return upload(multipartStream(parts), { length: multipartLength(parts) });
}

/** Nothing of a refused upload may remain: no row, no part file, no stored file. */
async function expectNothingStored(): Promise<void> {
  expect(await db.localFile.count()).toBe(0);
  const root = filesConfig().root;
  expect(await readdir(path.join(root, TMP_DIR)).catch(() => [])).toEqual([]);
  const stored = await readdir(path.join(root, "uploads"), { recursive: true, withFileTypes: true }).catch(() => []);
  expect(stored.filter((entry) => entry.isFile()).map((entry) => entry.name)).toEqual([]);
}

async function errorOf(response: Response): Promise<{ status: number; code: string; details?: Record<string, unknown> }> {
  const body = (await response.json()) as { error: { code: string; details?: Record<string, unknown> } };
  return { status: response.status, code: body.error.code, ...(body.error.details ? { details: body.error.details } : {}) };
}

describe("POST /api/files refuses", () => {
  it("a viewer (403) and a body that is not multipart (415)", async () => {
    const parts = [{ fileName: "sample.gcode", data: await fixture("sample.gcode") }];
    expect((await upload(multipartStream(parts), { headers: viewer })).status).toBe(403);
    const json = testRequest("POST", "/api/files", { headers: operator, body: { file: "x" } });
    expect((await call(filesRoute.POST, json)).status).toBe(415);
    await expectNothingStored();
  });

  it("a declared size over the limit with 413 before reading the body", async () => {
    process.env.PRINTERNIZER_UPLOAD_MAX_MB = "1";
    let pulled = 0;
    const body = multipartStream([{ fileName: "big.gcode", data: gcodeBytes(64 * MiB, (chunk) => (pulled += chunk.length)) }]);
    expect(await errorOf(await upload(body, { length: 64 * MiB + 300 }))).toEqual({ status: 413, code: "payload_too_large", details: { maxBytes: MiB } });
    // A ReadableStream may read ahead a chunk or two; the body's 64 MiB never are.
    expect(pulled).toBeLessThanOrEqual(2 * MiB);
    await expectNothingStored();
  });

  it("a chunked body growing past the limit with 413, writing no further and keeping nothing", async () => {
    process.env.PRINTERNIZER_UPLOAD_MAX_MB = "2";
    expect(await errorOf(await upload(multipartStream([{ fileName: "big.gcode", data: gcodeBytes(64 * MiB) }])))).toMatchObject({ status: 413, code: "payload_too_large" });
    await expectNothingStored();
  });

  it("an upload that would eat into the disk reserve with 507, checked before and while writing", async () => {
    const root = filesConfig().root;
    const free = async () => {
      const fs = await statfs(path.dirname(root));
      return fs.bavail * fs.bsize;
    };
    const parts = [{ fileName: "sample.gcode", data: await fixture("sample.gcode") }];
    process.env.PRINTERNIZER_UPLOAD_RESERVE_MB = String(Math.ceil((await free()) / MiB) + 1);
    expect(await errorOf(await uploadFiles(parts))).toEqual({ status: 507, code: "insufficient_storage" });
    await expectNothingStored();

    // The reserve leaves 16 MiB to write: a chunked body (no size announced) passes the first
    // check and is stopped while it is written.
    process.env.PRINTERNIZER_UPLOAD_RESERVE_MB = String(Math.floor((await free()) / MiB) - 16);
    expect(await errorOf(await upload(multipartStream([{ fileName: "big.gcode", data: gcodeBytes(96 * MiB) }])))).toEqual({ status: 507, code: "insufficient_storage" });
    await expectNothingStored();
  });

  it.each([
    ["text named .gcode.3mf", "model.gcode.3mf", () => fixture("sample.gcode"), "file_content_mismatch"],
    ["text named .bgcode", "model.bgcode", () => fixture("sample.gcode"), "file_content_mismatch"],
    ["a 3MF named .gcode", "model.gcode", () => fixture("bambu.gcode.3mf"), "file_content_mismatch"],
    ["binary G-code named .gcode", "model.gcode", () => fixture("Shape-Box_0.4n_0.2mm_PLA_MK4ISMMU3_20m.bgcode"), "file_content_mismatch"],
    ["an unsliced project named .gcode.3mf", "Shape-Box.gcode.3mf", () => fixture("Shape-Box.3mf"), "file_content_mismatch"],
    ["a truncated 3MF", "bambu.gcode.3mf", async () => (await fixture("bambu.gcode.3mf")).subarray(0, 30_000), "file_corrupt"],
    ["a truncated project 3MF", "bambu-2-plates.3mf", async () => (await fixture("bambu-2-plates.3mf")).subarray(0, 60_000), "file_corrupt"],
    ["a model that is no print file", "part.stl", () => fixture("sample.gcode"), "upload_type_unsupported"],
  ])("%s with 422 naming the file, storing nothing", async (_label, fileName, data, code) => {
    expect(await errorOf(await uploadFiles([{ fileName, data: await data() }]))).toEqual({ status: 422, code, details: { file: fileName } });
    await expectNothingStored();
  });

  it("the whole request when one of its files is refused", async () => {
    const parts = [
      { fileName: "sample.gcode", data: await fixture("sample.gcode") },
      { fileName: "broken.gcode.3mf", data: (await fixture("bambu.gcode.3mf")).subarray(0, 20_000) },
    ];
    expect(await errorOf(await uploadFiles(parts))).toMatchObject({ status: 422, code: "file_corrupt" });
    await expectNothingStored();
  });

  it("a request without a file with 422", async () => {
    const parts = [{ field: "other", fileName: "sample.gcode", data: await fixture("sample.gcode") }];
    expect(await errorOf(await upload(multipartStream(parts)))).toMatchObject({ status: 422, code: "validation_failed" });
    await expectNothingStored();
  });
});

describe("an upload broken off midway", () => {
  it("by the body ending in an error leaves nothing", async () => {
    async function* brokenOff(): AsyncGenerator<Uint8Array> {
      let sent = 0;
      for await (const chunk of multipartChunks([{ fileName: "big.gcode", data: gcodeBytes(32 * MiB) }] satisfies Part[])) {
        yield chunk;
        sent += chunk.length;
        if (sent > 4 * MiB) throw new Error("connection reset by the client");
      }
    }
    const response = await upload(streamOf(brokenOff()));
    expect(response.status).toBe(400);
    await expectNothingStored();
  });

  it("by the client going away (the request's signal) leaves nothing", async () => {
    const abort = new AbortController();
    async function* slow(): AsyncGenerator<Uint8Array> {
      let sent = 0;
      for await (const chunk of multipartChunks([{ fileName: "big.gcode", data: gcodeBytes(32 * MiB) }] satisfies Part[])) {
        yield chunk;
        sent += chunk.length;
        if (sent > 3 * MiB) abort.abort();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    const response = await upload(streamOf(slow()), { signal: abort.signal });
    expect(response.status).toBe(400);
    await expectNothingStored();
  });
});

describe("POST /api/files stores", () => {
  it("several print files at once, each as GET /api/files lists it, with hash, metadata, thumbnail and an audit row", async () => {
    const names = ["bambu-2-plates.gcode.3mf", "Shape-Box.3mf", "Shape-Box_0.4n_0.2mm_PLA_MK4ISMMU3_20m.bgcode", "sample.gcode"];
    const parts = await Promise.all(names.map(async (fileName) => ({ fileName, data: await fixture(fileName) })));
    const response = await uploadFiles(parts);
    expect(response.status).toBe(201);
    const { files } = uploadResultSchema.parse(await response.json());
    expect(files.map((f) => [f.name, f.type, f.status, f.source, f.size, f.sha256])).toEqual(
      parts.map((p) => [p.fileName, expect.any(String), "local", "local", p.data.length, sha256(p.data)]),
    );
    expect(files.map((f) => f.type)).toEqual(["gcode.3mf", "3mf", "bgcode", "gcode"]);
    // The project is kept, but marked: it must be sliced, and no printer is sent it.
    expect(files.map((f) => f.needsSlicing)).toEqual([false, true, false, false]);
    const bambuPrinter = await db.printer.create({ data: { name: "A1 mini", kind: "bambu", host: "127.0.0.1", model: "A1 mini", credentials: "{}" } });
    const send = (id: string) =>
      call(sendRoute.POST, testRequest("POST", `/api/files/${id}/upload`, { headers: operator, body: { printerId: bambuPrinter.id } }), { id });
    expect(await errorOf(await send(files[1].id))).toEqual({ status: 422, code: "file_not_sliced" });

    const [bambu, project, bgcode] = files;
    expect(bambu.printSeconds).toBeGreaterThan(0);
    expect(bambu.filaments.length).toBeGreaterThan(0);
    expect(bambu.thumbnailUrl).toBe(`/api/files/${bambu.id}/thumbnail`);
    expect(bgcode.printSeconds).toBeGreaterThan(0);
    expect(project.thumbnailUrl).not.toBeNull();
    const row = await db.localFile.findUniqueOrThrow({ where: { id: bambu.id } });
    expect(JSON.parse(row.metadata ?? "{}")).toMatchObject({ kind: "gcode.3mf", printerModelId: expect.any(String), plates: [{ index: 1 }, { index: 2 }] });

    const stored = await readFile(path.join(filesConfig().root, row.relativePath));
    expect(sha256(stored)).toBe(sha256(parts[0].data));

    const listed = fileListSchema.parse(await (await call(filesRoute.GET, testRequest("GET", "/api/files?pageSize=200", { headers: viewer }))).json()).files;
    for (const file of files) expect(listed.find((f) => f.id === file.id)).toEqual(file);

    const audit = await db.auditLog.findMany({ where: { action: "files.uploaded" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.target, JSON.parse(a.details ?? "{}").sha256])).toEqual(files.map((f) => [f.id, f.sha256]));
    expect(await readdir(path.join(filesConfig().root, TMP_DIR))).toEqual([]);
  });

  it("a second file of the same name beside the first, and a name with umlauts as sent", async () => {
    const data = await fixture("sample.gcode");
    const first = uploadResultSchema.parse(await (await uploadFiles([{ fileName: "Zahnräder.gcode", data }])).json()).files[0];
    const second = uploadResultSchema.parse(await (await uploadFiles([{ fileName: "Zahnräder.gcode", data }])).json()).files[0];
    expect([first.name, second.name]).toEqual(["Zahnräder.gcode", "Zahnräder.gcode"]);
    const rows = await db.localFile.findMany({ where: { id: { in: [first.id, second.id] } }, orderBy: { createdAt: "asc" } });
    expect(new Set(rows.map((r) => r.relativePath)).size).toBe(2);
  });
});
