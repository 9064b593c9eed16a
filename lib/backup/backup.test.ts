import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db";
import { useTempSqliteDatabase } from "@/testing/db/temp-database";
import { RestoreRefused, restoreSqlite } from "./restore";
import { listBackups, runBackup } from "./run";
import { readBackupState } from "./state";

let dir: string;
let dbFile: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await useTempSqliteDatabase());
  dbFile = path.join(dir, "test.db");
  await db.printer.create({ data: { id: "p1", name: "P1", kind: "bambu", host: "127.0.0.1", model: "A1", credentials: "{}" } });
  const writer = new Database(dbFile);
  const insert = writer.prepare("INSERT INTO TemperatureSample (printerId, at, nozzle) VALUES ('p1', ?, ?)");
  writer.transaction(() => {
    for (let i = 0; i < 20_000; i++) insert.run(Date.now(), i);
  })();
  writer.close();
});
afterAll(async () => cleanup());

const retention = { daily: 7, weekly: 4, monthly: 12 };

describe("runBackup", () => {
  it("makes a consistent, verified copy while another connection keeps writing", async () => {
    const files = path.join(dir, "files", "prints", "a".repeat(120));
    mkdirSync(files, { recursive: true });
    writeFileSync(path.join(files, "part.gcode"), "G28\n".repeat(1000));
    writeFileSync(path.join(dir, "files", "empty.txt"), "");

    const writer = new Database(dbFile, { timeout: 5000 });
    const insert = writer.prepare("INSERT INTO Event (type, payload, createdAt) VALUES ('test.write', '{}', ?)");
    let writes = 0;
    let writing = true;
    const loop = (async () => {
      while (writing) {
        insert.run(Date.now());
        writes++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const backupDir = path.join(dir, "backups");
    const result = await runBackup({ dbFile, backupDir, filesDir: path.join(dir, "files"), retention });
    writing = false;
    await loop;
    writer.close();

    expect(writes).toBeGreaterThan(0);
    expect(result.counts.TemperatureSample).toBe(20_000);
    expect(result.counts.Event).toBeLessThanOrEqual(writes);
    const copy = new Database(path.join(backupDir, result.file), { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    expect(copy.prepare("SELECT count(*) FROM Event").pluck().get()).toBe(result.counts.Event);
    copy.close();

    const listing = execFileSync("tar", ["-tzf", path.join(backupDir, result.filesArchive ?? "")], { encoding: "utf8" });
    expect(listing.split("\n")).toEqual(expect.arrayContaining(["files/", `files/prints/${"a".repeat(120)}/part.gcode`, "files/empty.txt"]));
    const extracted = path.join(dir, "extracted");
    mkdirSync(extracted);
    execFileSync("tar", ["-xzf", path.join(backupDir, result.filesArchive ?? ""), "-C", extracted]);
    expect(execFileSync("cat", [path.join(extracted, "files/prints", "a".repeat(120), "part.gcode")], { encoding: "utf8" })).toBe("G28\n".repeat(1000));

    const state = await readBackupState();
    expect(state.lastSuccess?.file).toBe(result.file);
    expect(state.lastSuccess?.sizeBytes).toBeGreaterThan(0);
    expect(state.lastError).toBeNull();
  });

  it("applies retention to older backups and records a failure without losing the last success", async () => {
    const backupDir = path.join(dir, "backups-retention");
    for (let day = 1; day <= 10; day++) {
      await runBackup({ dbFile, backupDir, filesDir: null, retention: { daily: 3, weekly: 0, monthly: 0 }, now: new Date(Date.UTC(2026, 10, day, 1, 30)) });
    }
    expect((await listBackups(backupDir)).map((b) => b.name).sort()).toEqual([
      "printernizer-20261108T013000Z.db",
      "printernizer-20261109T013000Z.db",
      "printernizer-20261110T013000Z.db",
    ]);
    const before = await readBackupState();
    await expect(runBackup({ dbFile: path.join(dir, "missing.db"), backupDir, filesDir: null, retention })).rejects.toThrow();
    const after = await readBackupState();
    expect(after.lastError).toBeTruthy();
    expect(after.lastSuccess).toEqual(before.lastSuccess);
    expect(readdirSync(backupDir).some((name) => name.endsWith(".partial"))).toBe(false);
  });
});

describe("restoreSqlite", () => {
  it("refuses while a worker holds a live lease, restores atomically once it is gone", async () => {
    const backupDir = path.join(dir, "backups-restore");
    const { file } = await runBackup({ dbFile, backupDir, filesDir: null, retention });
    const source = path.join(backupDir, file);
    await db.printer.create({ data: { id: "p2", name: "after backup", kind: "bambu", host: "127.0.0.1", model: "A1", credentials: "{}" } });

    const now = new Date();
    await db.lease.create({ data: { name: "worker", holder: "w1", acquiredAt: now, expiresAt: new Date(now.getTime() + 60_000), heartbeatAt: now } });
    await expect(restoreSqlite({ source, dbFile })).rejects.toBeInstanceOf(RestoreRefused);
    expect(await db.printer.count()).toBe(2);

    await db.lease.update({ where: { name: "worker" }, data: { expiresAt: new Date(now.getTime() - 1_000) } });
    const { counts } = await restoreSqlite({ source, dbFile, beforeReplace: closeDb });
    expect(counts.Printer).toBe(1);
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    expect(await db.printer.findMany({ select: { id: true } })).toEqual([{ id: "p1" }]);
    expect(readdirSync(dir).filter((name) => name.includes(".restore-"))).toEqual([]);
  });

  it("refuses a file that is not a healthy database and leaves the database alone", async () => {
    const bogus = path.join(dir, "bogus.db");
    writeFileSync(bogus, "not a database at all".repeat(100));
    await expect(restoreSqlite({ source: bogus, dbFile })).rejects.toThrow();
    expect(await db.printer.count()).toBe(1);
  });
});
