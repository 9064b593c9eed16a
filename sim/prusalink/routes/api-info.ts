import { sendJson } from "../http-response";
import type { RequestContext } from "./context";
import { spaceInfo } from "./space";

/** GET-only endpoints; anything else is 405 (the firmware then closes the connection). */
function getOnly(ctx: RequestContext): boolean {
  if (ctx.method === "GET") return true;
  ctx.fail(405);
  return false;
}

export async function infoSelector(ctx: RequestContext): Promise<boolean> {
  const { sim } = ctx;
  switch (ctx.path) {
    case "/api/version":
      if (ctx.authorize() && getOnly(ctx)) sendJson(ctx.res, 200, sim.render.version());
      return true;
    case "/api/v1/info":
      if (ctx.authorize() && getOnly(ctx)) sendJson(ctx.res, 200, sim.render.info());
      return true;
    case "/api/v1/storage":
      if (ctx.authorize() && getOnly(ctx)) sendJson(ctx.res, 200, sim.render.storage(await spaceInfo(sim)));
      return true;
    case "/api/v1/cameras":
      if (sim.opts.flavour !== "pi") return false;
      if (ctx.authorize() && getOnly(ctx)) sendJson(ctx.res, 200, { camera_list: [] });
      return true;
    default:
      return false;
  }
}
