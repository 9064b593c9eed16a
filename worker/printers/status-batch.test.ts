import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { eventRow } from "@/lib/events/append";
import { printerEventSchemas } from "@/lib/printers/events";
import { emptyState } from "@/lib/printers/types";
import { useTempDatabase } from "@/testing/db/temp-database";
import { commitStatusWrites, rowRefused, StatusBatch, type StatusWrite } from "./status-batch";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function write(printerId: string, withEvent = true): StatusWrite {
  const state = { ...emptyState(), online: true, state: "idle" as const };
  return {
    printerId,
    fields: { online: true, state: "idle", data: JSON.stringify(state), lastMessageAt: new Date(), lastError: null, reconnects: 0 },
    event: withEvent ? eventRow(printerEventSchemas, "printer.state", { state }, printerId) : null,
  };
}

/** A batch whose commits are recorded; a commit takes `commitMs`, as a database would. */
function recorder(windowMs: number, commitMs = 0, failing = new Set<string>()) {
  const commits: string[][] = [];
  const singles: string[] = [];
  let inFlight = 0;
  let overlapped = false;
  const batch = new StatusBatch({
    windowMs,
    commit: async (writes) => {
      overlapped ||= inFlight > 0;
      inFlight += 1;
      await sleep(commitMs);
      inFlight -= 1;
      if (writes.some((w) => failing.has(w.printerId))) throw new Error(failing.has("locked") ? "database is locked" : "FOREIGN KEY constraint failed");
      commits.push(writes.map((w) => w.printerId));
    },
    commitOne: async (w) => {
      if (failing.has(w.printerId)) throw new Error("FOREIGN KEY constraint failed");
      singles.push(w.printerId);
    },
  });
  return { batch, commits, singles, overlapped: () => overlapped };
}

describe("StatusBatch", () => {
  it("stores routine writes of many printers arriving within the window in one transaction", async () => {
    const { batch, commits } = recorder(100);
    await Promise.all(Array.from({ length: 50 }, (_, i) => batch.write(write(`p${i}`))));
    expect(commits).toHaveLength(1);
    expect(commits[0]).toEqual(Array.from({ length: 50 }, (_, i) => `p${i}`));
    expect(batch.counters).toMatchObject({ batches: 1, writes: 50 });
  });

  it("does not hold an urgent write for the window, and takes the routine writes already waiting along", async () => {
    const { batch, commits } = recorder(60_000);
    const routine = batch.write(write("routine"));
    const started = Date.now();
    await batch.write(write("urgent"), true);
    await routine;
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(commits).toEqual([["routine", "urgent"]]);
  });

  it("stores waiting routine writes at once when hurried", async () => {
    const { batch, commits } = recorder(60_000);
    const routine = batch.write(write("routine"));
    batch.hurry();
    await routine;
    expect(commits).toEqual([["routine"]]);
  });

  it("never overlaps two commits: what arrives during one goes into the next, in order", async () => {
    const { batch, commits, overlapped } = recorder(0, 50);
    const first = batch.write(write("a"), true);
    await sleep(10);
    const later = [batch.write(write("b"), true), batch.write(write("c"))];
    await Promise.all([first, ...later]);
    expect(overlapped()).toBe(false);
    expect(commits).toEqual([["a"], ["b", "c"]]);
  });

  it("stores each write alone when the shared transaction fails, so only the bad one fails", async () => {
    const { batch, singles } = recorder(50, 0, new Set(["gone"]));
    const results = await Promise.allSettled(["a", "gone", "b"].map((id) => batch.write(write(id))));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(singles).toEqual(["a", "b"]);
    expect(batch.counters.fallbacks).toBe(1);
  });

  it("fails the whole batch at once when the database itself fails, without retrying each write", async () => {
    const { batch, singles } = recorder(50, 0, new Set(["locked"]));
    const results = await Promise.allSettled(["a", "locked", "b"].map((id) => batch.write(write(id))));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(singles).toEqual([]);
    expect(batch.counters.fallbacks).toBe(0);
  });

  it("flush stores what is waiting at once", async () => {
    const { batch, commits } = recorder(60_000);
    const pending = batch.write(write("a"));
    await batch.flush();
    await pending;
    expect(commits).toEqual([["a"]]);
  });
});

describe("commitStatusWrites", () => {
  let cleanup: () => Promise<void>;
  const ids: string[] = [];
  beforeAll(async () => {
    ({ cleanup } = await useTempDatabase());
    for (let i = 0; i < 3; i++) {
      ids.push((await db.printer.create({ data: { name: `P${i}`, kind: "prusalink", host: "127.0.0.1", model: "Core One", credentials: "{}" } })).id);
    }
  });
  afterAll(() => cleanup());

  it("stores every status row and event of a batch, events in the order of the writes", async () => {
    await commitStatusWrites([write(ids[0]), write(ids[1], false), write(ids[2])]);
    await commitStatusWrites([{ ...write(ids[0]), fields: { ...write(ids[0]).fields, state: "printing", raw: "{}" } }]);
    await commitStatusWrites([write(ids[0], false)]);
    const rows = await db.printerStatus.findMany({ orderBy: { printerId: "asc" } });
    expect(rows).toHaveLength(3);
    // Read back through the ORM as it wrote them: booleans, dates, and raw kept when a write carries none.
    expect(rows.find((r) => r.printerId === ids[0])).toMatchObject({ online: true, state: "idle", raw: "{}", lastError: null, reconnects: 0 });
    expect(rows.every((r) => r.lastMessageAt instanceof Date && r.updatedAt instanceof Date)).toBe(true);
    const events = await db.event.findMany({ orderBy: { id: "asc" } });
    expect(events.map((e) => e.printerId)).toEqual([ids[0], ids[2], ids[0]]);
    expect(events.every((e) => e.type === "printer.state")).toBe(true);
    expect(Math.abs(events[0].createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await db.event.count({ where: { createdAt: { gte: new Date(Date.now() - 60_000) } } })).toBe(3);
  });

  it("stores nothing of a batch when one of its rows cannot be stored", async () => {
    const before = await db.event.count();
    const refused = await commitStatusWrites([write(ids[1]), write("no-such-printer")]).catch((err: unknown) => err);
    expect(rowRefused(refused)).toBe(true);
    expect(await db.event.count()).toBe(before);
  });
});
