import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { enqueueCommand } from "@/lib/commands/enqueue";
import { printerCommandSchemas } from "./command-schemas";
import { db } from "@/lib/db";
import { COMMAND_WAIT_MS, waitForCommand } from "./commands";

/**
 * Camera images for the web: one worker command per printer per few seconds, however
 * many browsers look. Concurrent requests share the fetch in flight, later ones the
 * cached frame. The worker keeps its own short cache as well, for other web replicas.
 */

export const WEB_SNAPSHOT_TTL_MS = 3_000;

export const snapshotResultSchema = z.union([
  z.object({ camera: z.literal(true), jpeg: z.string(), capturedAt: z.string() }),
  z.object({ camera: z.literal(false) }),
]);

interface Entry {
  expires: number;
  frame: Promise<Buffer | null>;
}

const cache = new Map<string, Entry>();

async function fetchFrame(printerId: string, userId: string | null): Promise<Buffer | null> {
  const commandId = await enqueueCommand(printerCommandSchemas, "printer.snapshot", {}, { printerId, createdById: userId });
  const outcome = await waitForCommand(commandId, COMMAND_WAIT_MS);
  const parsed = snapshotResultSchema.safeParse(outcome.result);
  if (outcome.status !== "succeeded" || !parsed.success) {
    throw apiError("camera_unavailable", outcome.error ? { reason: outcome.error } : undefined);
  }
  const result = parsed.data;
  if (!result.camera) return null;
  const frame = Buffer.from(result.jpeg, "base64");
  // The frame is now in this process; keep the queue table small.
  await db.command.update({ where: { id: commandId }, data: { result: JSON.stringify({ camera: true, bytes: frame.length }) } });
  return frame;
}

export async function cameraSnapshot(printerId: string, userId: string | null, now = Date.now()): Promise<Buffer> {
  let entry = cache.get(printerId);
  if (!entry || entry.expires <= now) {
    const frame = fetchFrame(printerId, userId);
    entry = { expires: now + WEB_SNAPSHOT_TTL_MS, frame };
    cache.set(printerId, entry);
    const own = entry;
    frame.catch(() => {
      if (cache.get(printerId) === own) cache.delete(printerId);
    });
  }
  const frame = await entry.frame;
  if (!frame) throw apiError("not_found", { reason: "no_camera" });
  return frame;
}
