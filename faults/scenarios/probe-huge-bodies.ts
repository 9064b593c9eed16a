import http from "node:http";
import { apiRoutes } from "@/lib/catalog/routes";
import { freshDatabase } from "../harness/database";
import { rssPeak } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";
import { memoryLimitMb, webProduct } from "../harness/web";

const GB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;
/** What a refused body may have pulled from the client: the 1 MB cap plus socket and stream buffers. */
const READ_ALLOWANCE = 32 * MB;

interface Answer {
  status: number | null;
  sent: number;
}

/** Streams up to `total` bytes as a chunked body; stops at the answer. `status` null: the connection closed without one. */
function hugeRequest(base: string, method: string, path: string, headers: Record<string, string>, total: number, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    let sent = 0;
    let settled = false;
    const finish = (status: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ status, sent });
    };
    const req = http.request(`${base}${path}`, { method, headers: { ...headers, "content-type": "application/json", "transfer-encoding": "chunked" } });
    const timer = setTimeout(() => finish(-1), timeoutMs);
    req.on("response", (res) => {
      res.resume();
      finish(res.statusCode ?? null);
    });
    req.on("error", () => finish(null));
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const pump = () => {
      while (!settled && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!settled) req.end();
    };
    pump();
  });
}

/**
 * Issue 18's probe at full size: a 1 GB chunked body (no Content-Length) to every route
 * of the API catalog, as a signed-in admin, against the real web process. Each is
 * answered (a refusal, or the route's ordinary answer where it reads no body) after
 * little of the gigabyte was read, and the web process stays under its memory limit.
 */
export const probeHugeBodies: FaultScenario = {
  name: "probe-huge-bodies",
  fullOnly: true,
  mustHold: `a 1 GB chunked body to every API route: answered without 5xx after reading little of it; web under ${memoryLimitMb.web} MB and still serving`,
  async run(ctx) {
    await freshDatabase(ctx);
    const product = await webProduct(ctx);
    const web = await product.start("web");
    const memory = rssPeak(web.pid!);
    const failures: string[] = [];
    const statuses = new Map<number | string, number>();
    let mostRead = 0;
    for (const spec of apiRoutes) {
      const path = spec.openapi.path.replace("{nextauth}", "callback/credentials").replace(/\{\w+\}/g, "probe");
      const headers = { authorization: `Bearer ${product.token}`, origin: product.base };
      const answer = await hugeRequest(product.base, spec.openapi.method, path, headers, GB, 60_000);
      const label = answer.status === null ? "closed" : answer.status === -1 ? "no answer" : answer.status;
      statuses.set(label, (statuses.get(label) ?? 0) + 1);
      mostRead = Math.max(mostRead, answer.sent);
      if (answer.status === -1 || (answer.status !== null && answer.status >= 500) || answer.sent > READ_ALLOWANCE) {
        failures.push(`${spec.openapi.method} ${spec.openapi.path}: ${label} after ${Math.round(answer.sent / MB)} MB`);
      }
    }
    const peak = memory.stop();
    const stillServing = (await fetch(`${product.base}/api/ready`)).ok;
    const summary = [...statuses.entries()].map(([status, n]) => `${n}× ${status}`).join(", ");
    return outcome(
      failures.length === 0 && peak < memoryLimitMb.web && stillServing,
      `${apiRoutes.length} routes: ${summary}; at most ${Math.round(mostRead / MB)} MB sent before the answer; web RSS peak ${peak} MB, ${stillServing ? "still serving" : "NOT serving"}${failures.length ? `; ${failures.slice(0, 3).join("; ")}` : ""}`,
    );
  },
};
