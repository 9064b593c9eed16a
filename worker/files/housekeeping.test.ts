import { mkdir, readdir, readFile, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import type { FilesConfig } from "@/lib/files/config";
import { planHousekeeping } from "@/lib/files/housekeeping-plan";
import { partKey } from "@/lib/files/storage";
import { applyHousekeeping } from "./housekeeping";

let cleanup: () => Promise<void>;
let root: string;
let config: FilesConfig;
const DAY = 86_400_000;

beforeAll(async () => {
  let dir: string;
  ({ cleanup, dir } = await useTempDatabase());
  root = path.join(dir, "files");
  config = { root, syncMs: 300_000, maxDownloads: 5, perPrinter: 1, compressAfterDays: 30, retentionDays: 365, budgetBytes: 0, protectDays: 3650, housekeepingMs: 3_600_000 };
  await mkdir(path.join(root, ".tmp"), { recursive: true });
  await mkdir(path.join(root, ".thumbs"), { recursive: true });
  await mkdir(path.join(root, "P"), { recursive: true });
});

afterAll(async () => {
  await cleanup();
});

describe("housekeeping", () => {
  it("removes stale .part files, keeps those of open downloads and fresh ones", async () => {
    const printerFile = await db.printerFile.create({ data: { printerId: "p", path: "/a", name: "a", size: 10, seenAt: new Date() } });
    await db.download.create({ data: { printerFileId: printerFile.id, printerId: "p", status: "queued" } });
    const old = new Date(Date.now() - 2 * DAY);
    for (const name of [`${partKey(printerFile.id, 10, null)}.part`, "orphan-1-x.part", "fresh-1-x.part"]) {
      await writeFile(path.join(root, ".tmp", name), "xx");
      if (name !== "fresh-1-x.part") await utimes(path.join(root, ".tmp", name), old, old);
    }
    const plan = await planHousekeeping(config);
    expect(plan.staleParts.map((p) => p.name)).toEqual(["orphan-1-x.part"]);
    await applyHousekeeping(root, plan);
    expect((await readdir(path.join(root, ".tmp"))).sort()).toEqual([`${partKey(printerFile.id, 10, null)}.part`, "fresh-1-x.part"].sort());
  });

  it("deletes expired files with their thumbnails and compresses old ones", async () => {
    const now = Date.now();
    await writeFile(path.join(root, "P/expired.gcode"), "G1 X1\n");
    await writeFile(path.join(root, ".thumbs/expired.png"), "png");
    await writeFile(path.join(root, "P/old.gcode"), "G1 X2\n".repeat(100));
    const expired = await db.localFile.create({
      data: { relativePath: "P/expired.gcode", name: "expired.gcode", size: 6, sha256: "a", thumbnailPath: ".thumbs/expired.png", createdAt: new Date(now - 400 * DAY) },
    });
    const old = await db.localFile.create({ data: { relativePath: "P/old.gcode", name: "old.gcode", size: 600, sha256: "b", createdAt: new Date(now - 40 * DAY) } });
    const result = await applyHousekeeping(root, await planHousekeeping(config));
    expect(result).toMatchObject({ deleted: 1, compressed: 1 });
    expect(await db.localFile.findUnique({ where: { id: expired.id } })).toBeNull();
    expect((await readdir(path.join(root, "P"))).sort()).toEqual(["old.gcode.gz"]);
    expect(await readdir(path.join(root, ".thumbs"))).toEqual([]);
    expect((await db.localFile.findUniqueOrThrow({ where: { id: old.id } })).compressed).toBe(true);
    expect(gunzipSync(await readFile(path.join(root, "P/old.gcode.gz"))).toString()).toBe("G1 X2\n".repeat(100));
  });
});
