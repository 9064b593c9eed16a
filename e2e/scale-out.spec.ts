import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { pgConnection } from "@/lib/db/url";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { login } from "./support/auth";
import { startCluster, type Cluster } from "./support/cluster";
import { storedEventIds } from "./support/database";
import { addBambuPrinter, printableFile } from "./support/fleet";

/**
 * PostgreSQL scale-out: two web processes and two workers on one database. Both web
 * processes stream the same event log, and when the active worker dies the standby
 * takes the lease over and carries a running print to its end without losing or
 * duplicating the job.
 */

test.describe.configure({ mode: "serial" });

const admin = { email: "admin@druckerei.example", password: "scale-out-password-1" };
let cluster: Cluster;
let sql: pg.Client;

test.beforeAll(async () => {
  cluster = await startCluster({
    webs: 2,
    workers: 2,
    env: { PRINTERNIZER_ADMIN_EMAIL: admin.email, PRINTERNIZER_ADMIN_PASSWORD: admin.password },
  });
  sql = new pg.Client({ connectionString: pgConnection(cluster.databaseUrl).connectionString });
  await sql.connect();
});

test.afterAll(async () => {
  await sql?.end();
  await cluster?.stop();
});

async function rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await sql.query(text, values)).rows as T[];
}

async function leaseHolder(): Promise<string | null> {
  const [lease] = await rows<{ holder: string; expiresAt: Date }>(`SELECT holder, "expiresAt" FROM "Lease" WHERE name = 'worker'`);
  return lease && lease.expiresAt.getTime() > Date.now() ? lease.holder : null;
}

/** A logged-in page on one web process that records every SSE message its EventSource receives. */
async function recordingPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const received: number[] = [];
    Object.assign(window, { __received: received });
    const Original = window.EventSource;
    window.EventSource = class extends Original {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener("message", (e) => received.push(Number((e as MessageEvent).lastEventId)));
      }
    } as typeof EventSource;
  });
  await login(page, baseURL, admin.email, admin.password);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "open");
  return page;
}

function received(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __received: number[] }).__received.slice());
}

test("both web processes stream the same events, in order, without gaps", async ({ browser }) => {
  const [one, two] = cluster.webs;
  const pageOne = await recordingPage(browser, one);
  const pageTwo = await recordingPage(browser, two);
  // The active worker appends a heartbeat event every second.
  await expect.poll(async () => (await received(pageOne)).length, { timeout: 30_000 }).toBeGreaterThan(5);
  await expect.poll(async () => (await received(pageTwo)).length, { timeout: 30_000 }).toBeGreaterThan(5);

  const idsOne = await received(pageOne);
  const idsTwo = await received(pageTwo);
  const from = Math.max(idsOne[0], idsTwo[0]);
  const to = Math.min(idsOne[idsOne.length - 1], idsTwo[idsTwo.length - 1]);
  expect(to, `lists do not overlap: ${idsOne} / ${idsTwo}`).toBeGreaterThan(from);
  const common = (ids: number[]) => ids.filter((id) => id >= from && id <= to);
  expect(common(idsOne)).toEqual(common(idsTwo));
  expect(idsOne).toEqual(await storedEventIds(cluster.databaseUrl, idsOne[0], idsOne[idsOne.length - 1]));
  expect(idsTwo).toEqual(await storedEventIds(cluster.databaseUrl, idsTwo[0], idsTwo[idsTwo.length - 1]));
  await pageOne.context().close();
  await pageTwo.context().close();
});

test("the standby worker takes over a running print when the active worker is killed", async ({ browser }) => {
  test.setTimeout(120_000);
  let sim: BambuSimulator | undefined;
  const [one, two] = cluster.webs;
  const page = await recordingPage(browser, one);
  try {
    sim = await startBambuSimulator({
      serial: "03919A000000555",
      accessCode: "40215555",
      model: "A1",
      host: "127.0.0.1",
      mqttPort: 0,
      ftpPort: 0,
      cameraPort: 0,
      printSeconds: 40,
      prepareSeconds: 1,
      reportIntervalMs: 500,
    });
    const printerId = await addBambuPrinter(page.request, one, sim, "A1 Scale-out");
    await sim.startPrint(await printableFile(sim), { subtaskName: "Failover" });
    const jobs = () =>
      rows<{ id: string; status: string; printerJobId: string | null }>(
        `SELECT id, status, "printerJobId" FROM "Job" WHERE "printerId" = $1`,
        [printerId],
      );
    await expect.poll(async () => (await jobs()).map((j) => j.status), { timeout: 30_000 }).toEqual(["printing"]);

    const holder = await leaseHolder();
    expect(holder).not.toBeNull();
    const active = cluster.workers.find((w) => holder?.includes(`:${w.pid}:`));
    const standby = cluster.workers.find((w) => w !== active && w.exitCode === null && w.signalCode === null);
    if (!active || !standby) throw new Error(`no active and standby worker for lease holder ${holder}`);
    const killedAt = new Date();
    active.kill("SIGKILL");

    await expect.poll(leaseHolder, { timeout: 30_000 }).toContain(`:${standby.pid}:`);
    const liveOnTwo = async () => {
      const res = await page.request.get(`${two}/api/printers`);
      const body = (await res.json()) as { printers: { id: string; live: { online: boolean; lastMessageAt: string | null } | null }[] };
      const live = body.printers.find((p) => p.id === printerId)?.live;
      return live?.online === true && live.lastMessageAt !== null && new Date(live.lastMessageAt) > killedAt;
    };
    await expect.poll(liveOnTwo, { timeout: Math.max(1, 30_000 - (Date.now() - killedAt.getTime())) }).toBe(true);

    // The standby follows the print live now; the simulator's clock is moved on (it still
    // prints every layer and reports) so the test does not sit out the rest in real time.
    await expect
      .poll(
        () => {
          sim?.advance(2);
          return sim?.state().gcodeState;
        },
        { timeout: 60_000, intervals: [250] },
      )
      .toBe("FINISH");
    await expect.poll(async () => (await jobs()).map((j) => j.status), { timeout: 15_000 }).toEqual(["finished"]);
  } finally {
    await sim?.close();
    await page.context().close();
  }
});
