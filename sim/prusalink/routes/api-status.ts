import { sendEmpty, sendJson } from "../http-response";
import type { RequestContext } from "./context";
import { spaceInfo } from "./space";

export async function statusSelector(ctx: RequestContext): Promise<boolean> {
  const { sim } = ctx;
  if (ctx.path !== "/api/v1/status" && ctx.path !== "/api/v1/transfer") return false;
  if (!ctx.authorize()) return true;
  if (ctx.method !== "GET") {
    ctx.fail(405);
    return true;
  }
  const transfer = sim.transfers.status();
  if (ctx.path === "/api/v1/status") {
    const space = await spaceInfo(sim, { printBytes: false });
    sendJson(ctx.res, 200, sim.render.status(sim.model.snapshot(), transfer, space));
  } else if (transfer) {
    sendJson(ctx.res, 200, sim.render.transfer(transfer));
  } else {
    sendEmpty(ctx.res, 204);
  }
  return true;
}
