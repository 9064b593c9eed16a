import { randomUUID } from "node:crypto";
import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { audit, type AuditActor } from "@/lib/audit/audit";
import { readSetting, writeSetting } from "@/lib/business/settings/settings";
import { db } from "@/lib/db";
import { takeNamedLock } from "@/lib/db/named-lock";
import { appendEvent } from "@/lib/events/append";
import type { QueueItem } from "@/lib/db";
import { estimateQueue, freeAtOf, type EstimateItem } from "./estimates";
import { queueEventSchemas } from "./events";
import type { FitReason } from "./fit";
import { candidatesOf, loadQueuePrinters, type QueuePrinter } from "./printers";
import { activeQueueStatuses, openQueueStatuses, queueStatuses, type CreateQueueItem, type QueueItemView, type QueueStatus, type UpdateQueueItem } from "./schemas";
import { printSecondsOf, resolveQueueSource, type QueueSource } from "./source";
import { queueTranslator, type QueueLocale } from "./text";

/** The web's side of the print queue: items in order, their fit and estimates, and changes people make. */

export interface QueueRequester {
  actor: AuditActor;
  userId: string | null;
  ip?: string | null;
}

export interface QueueViewer {
  locale: QueueLocale;
  /** jobs:customer: customer and order reference are shown. */
  seesCustomer: boolean;
}

export const QUEUE_SETTINGS_KEY = "queue.settings";
const queueSettingsSchema = z.object({ paused: z.boolean().default(false) });

export async function queuePaused(): Promise<boolean> {
  return (await readSetting(QUEUE_SETTINGS_KEY, queueSettingsSchema)).paused;
}

export async function setQueuePaused(paused: boolean, who: QueueRequester): Promise<{ paused: boolean }> {
  await writeSetting(QUEUE_SETTINGS_KEY, { paused });
  await audit({ actor: who.actor, ip: who.ip, action: paused ? "queue.paused" : "queue.resumed" });
  await notifyQueue([]);
  return { paused };
}

export async function notifyQueue(ids: string[], extra: { status?: QueueStatus; failureCode?: string } = {}): Promise<void> {
  await appendEvent(queueEventSchemas, "queue.changed", { ids, ...extra }, null);
}

const idListSchema = z.array(z.string());
const mappingSchema = z.array(z.number().int());

function parsedJson<T>(text: string | null, schema: z.ZodType<T>, fallback: T): T {
  if (!text) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export const skippedOf = (item: Pick<QueueItem, "skippedPrinterIds">) => parsedJson(item.skippedPrinterIds, idListSchema, []);
export const mappingOf = (item: Pick<QueueItem, "amsMapping">) => parsedJson<number[] | null>(item.amsMapping, mappingSchema, null);

export function targetOf(item: QueueItem) {
  return { targetPrinterId: item.targetPrinterId, targetModel: item.targetModel, plate: item.plate, amsMapping: mappingOf(item), skippedPrinterIds: skippedOf(item) };
}

const statusOf = (stored: string): QueueStatus => queueStatuses.find((s) => s === stored) ?? "failed";

/** The open queue in order: dispatching and printing first (they are on their printers), then by position. */
async function openItems(): Promise<QueueItem[]> {
  return db.queueItem.findMany({ where: { status: { in: [...openQueueStatuses] } }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
}

function reasonView(reason: FitReason, t: ReturnType<typeof queueTranslator>) {
  return { code: reason.code, printerId: reason.printerId, message: t(`fit.${reason.code}`, reason.params) };
}

const failureParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

function failureView(item: QueueItem, printers: readonly QueuePrinter[], t: ReturnType<typeof queueTranslator>) {
  if (!item.failureCode) return null;
  const params = parsedJson(item.failureDetail, failureParamsSchema, {});
  const printerId = typeof params.printerId === "string" ? params.printerId : null;
  const printer = printers.find((p) => p.id === printerId)?.name ?? "";
  return { code: item.failureCode, printerId, message: t(`failures.${item.failureCode}`, { printer, detail: "", ...params }) };
}

/** Views of the given items (in the given order), with fit and estimates over the whole open queue. */
async function viewsOf(items: readonly QueueItem[], viewer: QueueViewer): Promise<QueueItemView[]> {
  const t = queueTranslator(viewer.locale);
  const printers = await loadQueuePrinters();
  const paused = await queuePaused();
  const sources = new Map<string, QueueSource | null>();
  for (const fileId of new Set(items.map((i) => i.fileId))) sources.set(fileId, await resolveQueueSource(fileId));
  const jobs = await db.job.findMany({ where: { queueItemId: { in: items.map((i) => i.id) } }, select: { queueItemId: true, startedAt: true } });
  const startedOf = new Map(jobs.map((j) => [j.queueItemId, j.startedAt]));
  const now = new Date();
  const waiting = items.filter((i) => i.status === "queued" || i.status === "waiting_for_bed");
  const estimateItems: EstimateItem[] = paused
    ? []
    : waiting.flatMap((item) => {
        const source = sources.get(item.fileId);
        if (!source) return [];
        return [{ id: item.id, candidates: candidatesOf(targetOf(item), source, printers).printers.map((p) => p.id), printSeconds: printSecondsOf(source.metadata, item.plate) }];
      });
  const estimates = estimateQueue(
    printers.filter((p) => p.online && !p.deleted && p.enabled).map((p) => ({
      id: p.id,
      freeAt: freeAtOf(now, {
        printing: ["printing", "paused", "preparing"].includes(p.state),
        remainingSeconds: p.live?.remainingSeconds ?? null,
        progress: p.live?.progress ?? null,
        elapsedSeconds: p.live?.elapsedSeconds ?? null,
      }),
    })),
    estimateItems,
  );
  return items.map((item, index) => {
    const source = sources.get(item.fileId) ?? null;
    const status = statusOf(item.status);
    const open = openQueueStatuses.includes(status);
    const fit = source && open && !activeQueueStatuses.includes(status) ? candidatesOf(targetOf(item), source, printers).fit : null;
    const assigned = printers.find((p) => p.id === item.assignedPrinterId);
    const target = printers.find((p) => p.id === item.targetPrinterId);
    const printing = status === "printing" && assigned ? { start: startedOf.get(item.id) ?? item.startedAt ?? now, remaining: assigned.live?.remainingSeconds ?? null } : null;
    const estimate = estimates.get(item.id);
    return {
      id: item.id,
      batchId: item.batchId,
      position: index + 1,
      status,
      file: { id: item.fileId, name: source?.name ?? item.fileId, thumbnailUrl: source?.thumbnailUrl ?? null, printSeconds: printSecondsOf(source?.metadata ?? null, item.plate) },
      plate: item.plate,
      target: { printerId: item.targetPrinterId, printerName: target?.name ?? null, model: item.targetModel },
      amsMapping: mappingOf(item),
      assignedPrinter: assigned ? { id: assigned.id, name: assigned.name } : null,
      estimatedStart: (printing?.start ?? estimate?.start)?.toISOString() ?? null,
      estimatedFinish: (printing ? (printing.remaining === null ? null : new Date(now.getTime() + printing.remaining * 1000)) : estimate?.finish)?.toISOString() ?? null,
      failure: failureView(item, printers, t),
      fit: source ? (fit ? { ok: fit.ok, reasons: fit.reasons.map((r) => reasonView(r, t)) } : null) : { ok: false, reasons: [{ code: "file_missing", printerId: null, message: t("failures.file_missing") }] },
      skippedPrinterIds: skippedOf(item),
      customer: viewer.seesCustomer ? item.customer : null,
      orderReference: viewer.seesCustomer ? item.orderReference : null,
      businessUse: item.businessUse,
      note: item.note,
      jobId: item.jobId,
      createdAt: item.createdAt.toISOString(),
      updatedAt: item.updatedAt.toISOString(),
    };
  });
}

const DAY_MS = 86_400_000;

export async function listQueue(scope: "open" | "all", viewer: QueueViewer): Promise<{ paused: boolean; items: QueueItemView[] }> {
  const open = await openItems();
  const endedSince = scope === "open" ? new Date(Date.now() - DAY_MS) : undefined;
  const ended = await db.queueItem.findMany({
    where: { status: { notIn: [...openQueueStatuses] }, ...(endedSince ? { updatedAt: { gte: endedSince } } : {}) },
    orderBy: { updatedAt: "asc" },
    take: 500,
  });
  const views = await viewsOf([...open, ...ended], viewer);
  return { paused: await queuePaused(), items: views };
}

async function itemView(id: string, viewer: QueueViewer): Promise<QueueItemView> {
  const open = await openItems();
  const inOpen = open.some((i) => i.id === id);
  const rows = inOpen ? open : [await db.queueItem.findUniqueOrThrow({ where: { id } })];
  const views = await viewsOf(rows, viewer);
  const view = views.find((v) => v.id === id);
  if (!view) throw apiError("not_found");
  return view;
}

async function assertTarget(printerId: string | null | undefined): Promise<void> {
  if (!printerId) return;
  const printer = await db.printer.findFirst({ where: { id: printerId, deletedAt: null }, select: { id: true } });
  if (!printer) throw apiError("validation_failed", { issues: [{ path: "printerId", code: "custom", message: "unknown printer" }] });
}

/** The next free position at the end of the queue. */
async function endPosition(): Promise<number> {
  const last = await db.queueItem.findFirst({ where: { status: { in: [...openQueueStatuses] } }, orderBy: { position: "desc" }, select: { position: true } });
  return (last?.position ?? 0) + 1;
}

/**
 * Puts a file into the queue, one item per copy sharing a batch id. Refused up front: an
 * unknown file (404), an unknown target printer (422) and a file no printer can print at
 * all (a bare 3MF project, a plate it lacks: 422 with the reason). A file that fits no
 * printer now is still queued: its items say why, and a printer may come.
 */
export async function addToQueue(input: CreateQueueItem, who: QueueRequester, viewer: QueueViewer): Promise<{ item: QueueItemView; items: QueueItemView[] }> {
  const source = await resolveQueueSource(input.fileId);
  if (!source) throw apiError("not_found");
  await assertTarget(input.printerId);
  const item = { targetPrinterId: input.printerId ?? null, targetModel: input.printerId ? null : (input.model ?? null), plate: input.plate ?? null, amsMapping: input.amsMapping ?? null, skippedPrinterIds: [] };
  const fit = candidatesOf(item, source, await loadQueuePrinters()).fit;
  const refusal = fit.reasons.find((r) => r.printerId === null && r.code !== "no_printer");
  if (refusal) {
    const t = queueTranslator(viewer.locale);
    throw apiError("validation_failed", { issues: [{ path: "fileId", code: refusal.code, message: t(`fit.${refusal.code}`, refusal.params) }] });
  }
  const batchId = randomUUID();
  const ids = await db.$transaction(async (tx) => {
    // Positions are read then written: serialize adds across processes. On SQLite an UPDATE
    // that matches no row takes the write lock first, so the read below cannot go stale
    // (SQLITE_BUSY_SNAPSHOT when the worker committed in between).
    await takeNamedLock(tx, "queue.positions");
    await tx.queueItem.updateMany({ where: { id: "" }, data: { note: null } });
    const last = await tx.queueItem.findFirst({ where: { status: { in: [...openQueueStatuses] } }, orderBy: { position: "desc" }, select: { position: true } });
    const first = (last?.position ?? 0) + 1;
    const created: string[] = [];
    for (let copy = 0; copy < input.copies; copy++) {
      const row = await tx.queueItem.create({
        data: {
          batchId,
          position: first + copy,
          fileId: input.fileId,
          plate: item.plate,
          targetPrinterId: item.targetPrinterId,
          targetModel: item.targetModel,
          amsMapping: input.amsMapping ? JSON.stringify(input.amsMapping) : null,
          customer: input.customer ?? null,
          orderReference: input.orderReference ?? null,
          businessUse: input.businessUse,
          note: input.note ?? null,
          createdById: who.userId,
        },
        select: { id: true },
      });
      created.push(row.id);
    }
    return created;
  });
  await audit({ actor: who.actor, ip: who.ip, action: "queue.added", target: ids[0], details: { fileId: input.fileId, copies: input.copies, batchId, printerId: item.targetPrinterId, model: item.targetModel } });
  await notifyQueue(ids, { status: "queued" });
  const views = (await viewsOf(await openItems(), viewer)).filter((v) => ids.includes(v.id));
  return { item: views[0], items: views };
}

/** Renumbers the open queue with `id` moved to the 1-based `place` (or before `before`, or to the end). */
async function move(id: string, to: { position?: number; before?: string | null }): Promise<void> {
  const open = (await openItems()).filter((i) => i.id !== id).map((i) => i.id);
  let index = open.length;
  if (to.position !== undefined) index = Math.min(open.length, to.position - 1);
  else if (to.before) {
    const at = open.indexOf(to.before);
    if (at < 0) throw apiError("validation_failed", { issues: [{ path: "before", code: "custom", message: "not an open queue item" }] });
    index = at;
  }
  open.splice(index, 0, id);
  await db.$transaction(open.map((itemId, i) => db.queueItem.update({ where: { id: itemId }, data: { position: i + 1 } })));
}

async function findItem(id: string): Promise<QueueItem> {
  const item = await db.queueItem.findUnique({ where: { id } });
  if (!item) throw apiError("not_found");
  return item;
}

/**
 * One person's change to an item: move, retarget, pause/resume, cancel, retry. An item
 * the worker is sending or printing cannot be retargeted, paused or cancelled here (409
 * queue_item_active; stop the print on the printer instead).
 */
export async function updateQueueItem(id: string, patch: UpdateQueueItem, who: QueueRequester, viewer: QueueViewer): Promise<QueueItemView> {
  const item = await findItem(id);
  const status = statusOf(item.status);
  const changesWork = patch.printerId !== undefined || patch.model !== undefined || patch.paused !== undefined || patch.status !== undefined || patch.retry !== undefined;
  if (changesWork && activeQueueStatuses.includes(status)) throw apiError("queue_item_active", { status });
  const ended = !openQueueStatuses.includes(status);
  if ((patch.position !== undefined || patch.before !== undefined || patch.paused !== undefined) && ended) throw apiError("conflict", { status });
  await assertTarget(patch.printerId);
  const data: Partial<Pick<QueueItem, "targetPrinterId" | "targetModel" | "status" | "failureCode" | "failureDetail" | "skippedPrinterIds" | "finishedAt" | "position">> = {};
  if (patch.printerId !== undefined) {
    data.targetPrinterId = patch.printerId;
    if (patch.printerId) data.targetModel = null;
  }
  if (patch.model !== undefined && !data.targetPrinterId) data.targetModel = patch.model;
  if (patch.paused !== undefined) data.status = patch.paused ? "paused" : "queued";
  if (patch.status === "cancelled") Object.assign(data, { status: "cancelled", finishedAt: new Date() });
  if (patch.retry) {
    if (status === "cancelled" || status === "done") throw apiError("conflict", { status });
    Object.assign(data, { status: status === "paused" ? "paused" : "queued", failureCode: null, failureDetail: null, skippedPrinterIds: "[]", finishedAt: null });
    if (ended) data.position = await endPosition();
  }
  // The status guard makes a change lose against the worker taking the item meanwhile.
  if (Object.keys(data).length > 0) {
    const { count } = await db.queueItem.updateMany({ where: { id, status: item.status }, data });
    if (count === 0) throw apiError("queue_item_active", { status: statusOf((await findItem(id)).status) });
  }
  if (patch.position !== undefined || patch.before !== undefined) await move(id, patch);
  await audit({ actor: who.actor, ip: who.ip, action: "queue.updated", target: id, details: { fields: Object.keys(patch).filter((k) => patch[k as keyof UpdateQueueItem] !== undefined) } });
  const now = statusOf((await findItem(id)).status);
  await notifyQueue([id], now === status ? {} : { status: now });
  return itemView(id, viewer);
}

/** Removes an item that is not being sent or printed. */
export async function deleteQueueItem(id: string, who: QueueRequester): Promise<void> {
  const item = await findItem(id);
  const status = statusOf(item.status);
  if (activeQueueStatuses.includes(status)) throw apiError("queue_item_active", { status });
  const { count } = await db.queueItem.deleteMany({ where: { id, status: item.status } });
  if (count === 0) throw apiError("queue_item_active", { status: statusOf((await findItem(id)).status) });
  await audit({ actor: who.actor, ip: who.ip, action: "queue.deleted", target: id, details: { fileId: item.fileId, batchId: item.batchId } });
  await notifyQueue([id]);
}

export type { QueueItem };
