import { db } from "@/lib/db";
import { waitFor } from "@/testing/worker/printers";
import { freshDatabase } from "../harness/database";
import { newestEventId, onlineCount, startBambus } from "../harness/printers";
import { exited, rssPeak, seconds, sleep, spawnWorker } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";
import { gaps, resumingClient } from "../harness/sse-client";
import { webProduct } from "../harness/web";

/**
 * 100 browsers hold the event stream of one web process while two printers and the
 * worker keep appending events; the web process is killed with kill -9 and started
 * again. Every browser reconnects with Last-Event-ID and, between its first and last
 * event, has every stored event exactly once.
 */
export const webKilledStreams: FaultScenario = {
  name: "web-killed-streams",
  mustHold: "web process killed (kill -9) with 100 streams open: every browser resumes with Last-Event-ID, no event lost or repeated",
  async run(ctx) {
    const streams = ctx.full ? 500 : 100;
    await freshDatabase(ctx);
    const product = await webProduct(ctx, { PRINTERNIZER_STREAMS_PER_USER: String(streams * 2), PRINTERNIZER_WORKER_HEARTBEAT_MS: "500" });
    const { base, token } = product;
    const printers = await startBambus(ctx, 2);
    spawnWorker(ctx, product.env);
    const web = await product.start("web-1");
    await waitFor(async () => (await onlineCount(printers.map((p) => p.id))) === 2, "printers online", 60_000);

    const clients = Array.from({ length: streams }, () => resumingClient(`${base}/api/events`, { authorization: `Bearer ${token}` }));
    await waitFor(() => clients.every((c) => c.ids.length >= 3), "every stream receiving", 60_000);
    const memory = rssPeak(web.pid!);
    web.kill("SIGKILL");
    await exited(web);
    const webPeak = memory.stop();
    const killedAt = Date.now();
    const lastBefore = await newestEventId();
    await sleep(3_000);
    await product.start("web-2");
    const newest = await waitFor(async () => {
      const id = await newestEventId();
      return id > lastBefore + 10 ? id : null;
    }, "events after the restart", 60_000);
    await waitFor(() => clients.every((c) => (c.ids.at(-1) ?? 0) >= newest), "every stream caught up", 120_000);
    const resumedMs = Date.now() - killedAt;
    for (const client of clients) client.stop();
    await Promise.all(clients.map((c) => c.done));

    const stored = (await db.event.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);
    let lost = 0;
    let duplicated = 0;
    for (const client of clients) {
      const result = gaps(client.ids, stored);
      lost += result.lost;
      duplicated += result.duplicated;
    }
    const received = clients.reduce((n, c) => n + c.ids.length, 0);
    const resyncs = clients.reduce((n, c) => n + c.resyncs, 0);
    const reconnected = clients.filter((c) => c.connects >= 2).length;
    return outcome(
      reconnected === streams && resyncs === 0,
      `${reconnected}/${streams} streams resumed with Last-Event-ID, all caught up ${seconds(resumedMs)} after the kill; ${received} events received, ${resyncs} resyncs; web RSS before the kill ${webPeak} MB`,
      lost,
      duplicated,
    );
  },
};
