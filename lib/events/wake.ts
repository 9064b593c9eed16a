import { watch } from "node:fs";
import path from "node:path";
import pg from "pg";
import { databaseKind, databaseUrl, db } from "@/lib/db";
import { pgConnection, sqliteFilePath } from "@/lib/db/url";
import { logger } from "@/lib/log/logger";

const log = logger("events");

/** Starts calling `wake` when events may have been appended; returns the function that stops it. */
export type WakeSource = (wake: () => void) => () => void;

const CHANNEL = "printernizer_events";

/**
 * SQLite on one box: every commit, from any process, writes the database's WAL file, so a
 * change to it is a free wake-up (inotify). A write that appends no event wakes the hub for
 * one empty read.
 */
function sqliteWalWake(file: string): WakeSource {
  return (wake) => {
    const wal = `${path.basename(file)}-wal`;
    try {
      const watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
        if (name === wal) wake();
      });
      watcher.on("error", (err) => log.warn({ err }, "watching the database for events failed; polling only"));
      return () => watcher.close();
    } catch (err) {
      log.warn({ err }, "watching the database for events failed; polling only");
      return () => undefined;
    }
  };
}

/** PostgreSQL: LISTEN on one connection of its own; appenders NOTIFY after their commit. */
function postgresWake(url: string): WakeSource {
  return (wake) => {
    let stopped = false;
    let client: pg.Client | null = null;
    let retry: NodeJS.Timeout | null = null;
    const connect = (): void => {
      const next = new pg.Client({ connectionString: pgConnection(url).connectionString });
      client = next;
      next.on("notification", () => wake());
      next.on("error", (err) => {
        log.warn({ err }, "event notifications lost; polling until they are back");
        void next.end().catch(() => undefined);
        if (!stopped) retry = setTimeout(connect, 2_000);
      });
      next
        .connect()
        .then(() => next.query(`LISTEN ${CHANNEL}`))
        .catch((err: unknown) => next.emit("error", err));
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      void client?.end().catch(() => undefined);
    };
  };
}

/** The wake-up for the configured database, or null when polling is all there is. */
export function eventWakeSource(): WakeSource | null {
  if (process.env.PRINTERNIZER_EVENT_WAKE === "off") return null;
  return databaseKind() === "postgresql" ? postgresWake(databaseUrl()) : sqliteWalWake(sqliteFilePath(databaseUrl()));
}

let notifyQueued = false;

/**
 * Tells listening web processes that events were committed (PostgreSQL only; SQLite's
 * WAL file tells them itself). One NOTIFY per turn of the event loop, however many
 * events were appended in it; a lost one costs at most one poll interval.
 */
export function eventsAppended(): void {
  if (notifyQueued || databaseKind() !== "postgresql") return;
  notifyQueued = true;
  setImmediate(() => {
    notifyQueued = false;
    db.$executeRawUnsafe(`NOTIFY ${CHANNEL}`).catch((err: unknown) => log.warn({ err }, "event notification failed"));
  });
}
