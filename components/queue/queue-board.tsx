"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { ConfirmDialog } from "@/components/printers/confirm-dialog";
import { Icon } from "@/components/shell/icons";
import { useQueue } from "@/lib/client/use-queue";
import { formatDateTime } from "@/lib/format/date";
import { activeQueueStatuses, openQueueStatuses, type QueueItemView } from "@/lib/queue/schemas";
import { QueueDialog } from "./queue-dialog";
import { QueueItemCard } from "./queue-item";

type Pending = { kind: "cancel" | "delete"; item: QueueItemView } | null;

/** Items that can still be moved: open, and not yet being sent or printed. */
const movable = (item: QueueItemView) => openQueueStatuses.includes(item.status) && !activeQueueStatuses.includes(item.status);

/**
 * The queue page's live list: open items in print order (drag or the arrow buttons
 * move them), ended ones below; pausing the whole queue, adding a file, and per item
 * hold/release, cancel, retry and delete for those who manage the queue.
 */
export function QueueBoard({ canManage, canSeeCustomer }: { canManage: boolean; canSeeCustomer: boolean }) {
  const t = useTranslations("queueUi");
  const locale = useLocale();
  const errorMessage = useErrorMessage();
  const { queue, error, updateQueueItem, deleteQueueItem, setQueuePaused } = useQueue();
  const [adding, setAdding] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await action();
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };

  const items = queue?.items ?? [];
  const open = items.filter((i) => openQueueStatuses.includes(i.status));
  const ended = items.filter((i) => !openQueueStatuses.includes(i.status));
  const batchSizes = new Map<string, string[]>();
  for (const item of items) batchSizes.set(item.batchId, [...(batchSizes.get(item.batchId) ?? []), item.id]);

  const move = (item: QueueItemView, position: number) =>
    run(async () => {
      const { item: moved } = await updateQueueItem(item.id, { position });
      setAnnouncement(t("actions.moved", { name: item.file.name, position: moved.position }));
    });

  const format = (value: string | null) => (value ? formatDateTime(locale, value) : t("noEstimate"));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        {canManage ? (
          <>
            <Button onClick={() => setAdding(true)} data-testid="queue-add">
              <Icon name="plus" className="mr-1.5 h-4 w-4" />
              {t("add")}
            </Button>
            {queue ? (
              <Button variant="secondary" onClick={() => void run(() => setQueuePaused(!queue.paused))} data-testid="queue-pause-all">
                <Icon name={queue.paused ? "play" : "pause"} className="mr-1.5 h-4 w-4" />
                {queue.paused ? t("resumeQueue") : t("pauseQueue")}
              </Button>
            ) : null}
          </>
        ) : null}
      </div>
      {queue?.paused ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-testid="queue-paused">
          {t("pausedBanner")}
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid="queue-error">
          {failure}
        </p>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {error && !queue ? <p role="alert">{t("loadFailed")}</p> : null}
      {queue && open.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400" data-testid="queue-empty">
          {t("empty")}
        </p>
      ) : null}
      {open.length > 0 ? (
        <ol aria-label={t("openList")} className="space-y-2" data-testid="queue-list">
          {open.map((item, index) => {
            const batch = batchSizes.get(item.batchId) ?? [item.id];
            const canMove = canManage && movable(item);
            return (
              <li
                key={item.id}
                draggable={canMove}
                onDragStart={(e) => {
                  setDragged(item.id);
                  e.dataTransfer.effectAllowed = "move";
                }}
                onDragEnd={() => setDragged(null)}
                onDragOver={(e) => {
                  if (dragged && dragged !== item.id && canMove) e.preventDefault();
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  const source = open.find((o) => o.id === dragged);
                  setDragged(null);
                  if (source && source.id !== item.id) void move(source, item.position);
                }}
                className={dragged === item.id ? "opacity-50" : undefined}
                data-testid="queue-item"
                data-status={item.status}
              >
                <QueueItemCard
                  item={item}
                  copy={batch.length > 1 ? { index: batch.indexOf(item.id) + 1, count: batch.length } : null}
                  format={format}
                  actions={
                    canManage ? (
                      <>
                        {canMove ? (
                          <>
                            <IconButton icon="arrowUp" label={t("actions.moveUpNamed", { name: item.file.name })} disabled={index === 0} onClick={() => void move(item, item.position - 1)} testId="queue-move-up" />
                            <IconButton
                              icon="arrowDown"
                              label={t("actions.moveDownNamed", { name: item.file.name })}
                              disabled={index === open.length - 1}
                              onClick={() => void move(item, item.position + 1)}
                              testId="queue-move-down"
                            />
                          </>
                        ) : null}
                        {item.status === "paused" ? (
                          <Button variant="secondary" onClick={() => void run(() => updateQueueItem(item.id, { paused: false }))} data-testid="queue-resume">
                            {t("actions.resume")}
                          </Button>
                        ) : movable(item) ? (
                          <Button variant="secondary" onClick={() => void run(() => updateQueueItem(item.id, { paused: true }))} data-testid="queue-hold">
                            {t("actions.pause")}
                          </Button>
                        ) : null}
                        {item.failure || item.skippedPrinterIds.length > 0 ? (
                          <Button variant="secondary" onClick={() => void run(() => updateQueueItem(item.id, { retry: true }))} data-testid="queue-retry">
                            {t("actions.retry")}
                          </Button>
                        ) : null}
                        {movable(item) ? (
                          <Button variant="danger" onClick={() => setPending({ kind: "cancel", item })} data-testid="queue-cancel">
                            {t("actions.cancel")}
                          </Button>
                        ) : null}
                      </>
                    ) : null
                  }
                />
              </li>
            );
          })}
        </ol>
      ) : null}
      {ended.length > 0 ? (
        <section aria-labelledby="queue-ended" className="pt-4">
          <h2 id="queue-ended" className="mb-2 text-lg font-semibold">
            {t("ended")}
          </h2>
          <ul className="space-y-2" data-testid="queue-ended">
            {ended.map((item) => (
              <li key={item.id} data-testid="queue-item" data-status={item.status}>
                <QueueItemCard
                  item={item}
                  copy={null}
                  format={format}
                  actions={
                    canManage ? (
                      <>
                        {item.status === "failed" ? (
                          <Button variant="secondary" onClick={() => void run(() => updateQueueItem(item.id, { retry: true }))} data-testid="queue-retry">
                            {t("actions.retry")}
                          </Button>
                        ) : null}
                        <Button variant="danger" onClick={() => setPending({ kind: "delete", item })} data-testid="queue-delete">
                          {t("actions.delete")}
                        </Button>
                      </>
                    ) : null
                  }
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {adding ? <QueueDialog title={t("dialog.title")} canSeeCustomer={canSeeCustomer} onClose={() => setAdding(false)} /> : null}
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === "delete" ? t("actions.confirmDeleteTitle") : t("actions.confirmCancelTitle")}
        body={pending ? t(pending.kind === "delete" ? "actions.confirmDeleteBody" : "actions.confirmCancelBody", { name: pending.item.file.name }) : ""}
        confirmLabel={pending?.kind === "delete" ? t("actions.delete") : t("actions.cancel")}
        cancelLabel={t("actions.keep")}
        danger
        onConfirm={() => {
          const target = pending;
          setPending(null);
          if (!target) return;
          void run(() => (target.kind === "delete" ? deleteQueueItem(target.item.id) : updateQueueItem(target.item.id, { status: "cancelled" })));
        }}
        onClose={() => setPending(null)}
        testId="queue-confirm"
      />
    </div>
  );
}

function IconButton({ icon, label, disabled, onClick, testId }: { icon: "arrowUp" | "arrowDown"; label: string; disabled: boolean; onClick: () => void; testId: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
      className="inline-flex h-9 w-9 items-center justify-center rounded-md border border-slate-300 bg-white text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <Icon name={icon} />
    </button>
  );
}
