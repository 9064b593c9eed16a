import { withApi } from "@/lib/auth/with-api";
import { printersSnapshot } from "@/lib/printers/api-routes";
import { assertPrinterExists } from "@/lib/printers/repository";
import { cameraSnapshot, WEB_SNAPSHOT_TTL_MS } from "@/lib/printers/snapshots";

export const GET = withApi(async ({ user, params }) => {
  await assertPrinterExists(params.id);
  const frame = await cameraSnapshot(params.id, user.id);
  return new Response(new Uint8Array(frame), {
    headers: {
      "content-type": "image/jpeg",
      "cache-control": `private, max-age=${Math.floor(WEB_SNAPSHOT_TTL_MS / 1000)}`,
      "content-length": String(frame.length),
    },
  });
}, printersSnapshot);
