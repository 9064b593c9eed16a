import { sendEmpty, sendJson } from "../http-response";
import type { RequestContext } from "./context";

const jobPrefix = "/api/v1/job/";

/**
 * GET /api/v1/job, PUT /api/v1/job/{id}/pause|resume, DELETE /api/v1/job/{id}, with
 * the firmware's order of checks: bad id 400, other id 404, wrong state 409.
 */
export async function jobSelector(ctx: RequestContext): Promise<boolean> {
  const { sim } = ctx;
  if (ctx.path === "/api/v1/job") {
    if (!ctx.authorize()) return true;
    if (ctx.method !== "GET") {
      ctx.fail(405);
      return true;
    }
    const body = sim.render.job(sim.model.snapshot());
    if (body === null) sendEmpty(ctx.res, 204);
    else sendJson(ctx.res, 200, body);
    return true;
  }
  if (!ctx.path.startsWith(jobPrefix)) return false;
  if (!ctx.authorize()) return true;
  const rest = ctx.path.slice(jobPrefix.length);
  const idMatch = /^(\d+)/.exec(rest);
  if (!idMatch) {
    ctx.fail(400);
    return true;
  }
  const id = Number(idMatch[1]);
  if (id !== sim.model.snapshot().currentJobId) {
    ctx.fail(404);
    return true;
  }
  const afterId = rest.slice(idMatch[0].length);
  if (ctx.method === "DELETE") {
    done(ctx, sim.model.stop());
  } else if (ctx.method === "PUT") {
    if (afterId === "/pause") done(ctx, sim.model.pause());
    else if (afterId === "/resume") done(ctx, sim.model.resume());
    else ctx.fail(400);
  } else {
    ctx.fail(405);
  }
  return true;
}

function done(ctx: RequestContext, changed: boolean): void {
  if (changed) {
    ctx.sim.log.info({ path: ctx.path, method: ctx.method }, "job command");
    sendEmpty(ctx.res, 204);
  } else {
    ctx.fail(409);
  }
}
