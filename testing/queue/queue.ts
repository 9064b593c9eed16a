import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import * as bedRoute from "@/app/api/printers/[id]/bed-cleared/route";
import * as queueRoute from "@/app/api/queue/route";
import { db } from "@/lib/db";
import { readPrintFileMetadata } from "@/lib/files/metadata/read-metadata";
import type { CreateQueueItemInput, QueueItemView, QueueList } from "@/lib/queue/schemas";
import { fixturePath } from "@/test/fixtures";
import { call, testRequest } from "@/testing/api/requests";

/** For tests only: queue scaffolding shared by the worker and API tests. */

/** Copies a fixture into the files root and records it as a local file with its metadata, as an upload would. */
export async function addLocalFixture(root: string, name: string, as = name): Promise<string> {
  const relativePath = `uploads/${as}`;
  await mkdir(path.join(root, "uploads"), { recursive: true });
  await copyFile(fixturePath("files", name), path.join(root, relativePath));
  const data = await readFile(path.join(root, relativePath));
  const metadata = await readPrintFileMetadata(path.join(root, relativePath));
  const row = await db.localFile.create({
    data: { relativePath, name: as, size: data.length, sha256: createHash("sha256").update(data).digest("hex"), metadata: JSON.stringify(metadata) },
  });
  return row.id;
}

export async function enqueue(headers: Record<string, string>, body: CreateQueueItemInput): Promise<{ status: number; items: QueueItemView[]; body: unknown }> {
  const res = await call(queueRoute.POST, testRequest("POST", "/api/queue", { headers, body }));
  const json = (await res.json()) as { items?: QueueItemView[] };
  return { status: res.status, items: json.items ?? [], body: json };
}

export async function readQueue(headers: Record<string, string>, scope: "open" | "all" = "open"): Promise<QueueList> {
  const res = await call(queueRoute.GET, testRequest("GET", `/api/queue?scope=${scope}`, { headers }));
  if (res.status !== 200) throw new Error(`GET /api/queue answered ${res.status}`);
  return (await res.json()) as QueueList;
}

export async function clearBed(headers: Record<string, string>, printerId: string): Promise<number> {
  const res = await call(bedRoute.POST, testRequest("POST", `/api/printers/${printerId}/bed-cleared`, { headers }), { id: printerId });
  return res.status;
}
