import { db } from "@/lib/db";
import { freshDatabase } from "../harness/database";
import { rssPeak, seconds } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";
import { memoryLimitMb, webProduct } from "../harness/web";

const EVENTS = 1_000_000;

/** Reads frames of an event stream until `enough` frames (retry hints and comments left out) or `ms` pass. */
async function firstFrames(res: Response, enough: number, ms: number): Promise<string[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const frames: string[] = [];
  let buffer = "";
  const deadline = Date.now() + ms;
  while (frames.length < enough && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!block.startsWith("retry:") && !block.startsWith(":")) frames.push(block);
    }
  }
  await reader.cancel();
  return frames;
}

/**
 * Issue 18's probe at full size: a browser asks the real web process for the event
 * stream with `Last-Event-ID: 0` over a table of a million events. It gets a `resync`
 * at the newest id instead of a replay, and the web process stays under its memory limit.
 */
export const probeEventReplay: FaultScenario = {
  name: "probe-event-replay",
  fullOnly: true,
  mustHold: `Last-Event-ID: 0 on ${EVENTS.toLocaleString("en")} events: a resync at the newest id, no replay; web under ${memoryLimitMb.web} MB`,
  async run(ctx) {
    await freshDatabase(ctx);
    const product = await webProduct(ctx);
    const payload = JSON.stringify({ holder: "h", at: new Date().toISOString(), startedAt: new Date().toISOString() });
    const filled = performance.now();
    for (let i = 0; i < EVENTS; i += 10_000) await db.event.createMany({ data: Array.from({ length: 10_000 }, () => ({ type: "worker.heartbeat", payload })) });
    const fillMs = performance.now() - filled;
    const newest = (await db.event.findFirstOrThrow({ orderBy: { id: "desc" }, select: { id: true } })).id;
    const web = await product.start("web");
    const memory = rssPeak(web.pid!);
    const asked = performance.now();
    const res = await fetch(`${product.base}/api/events`, { headers: { authorization: `Bearer ${product.token}`, "last-event-id": "0" } });
    const frames = await firstFrames(res, 1, 30_000);
    const answerMs = performance.now() - asked;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const peak = memory.stop();
    const resync = frames[0] === `id: ${newest}\nevent: resync\ndata: {}`;
    return outcome(
      res.status === 200 && resync && peak < memoryLimitMb.web,
      `${EVENTS.toLocaleString("en")} events stored in ${seconds(fillMs)}; answer ${res.status}, first frame ${resync ? "resync at the newest id" : JSON.stringify(frames[0]?.slice(0, 60) ?? null)} after ${Math.round(answerMs)} ms; web RSS peak ${peak} MB`,
    );
  },
};
