"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { Link } from "@/i18n/navigation";
import type { QuoteView } from "@/lib/business/quotes/schemas";
import { addToQueue } from "@/lib/client/use-queue";
import { cancelQuote } from "@/lib/client/use-quotes";

/** The queue API takes at most this many copies per call. */
const QUEUE_BATCH = 100;

/** What can be done with a saved quote: print it, turn it into queue items (who may queue), cancel it. */
export function QuoteActions({ quote, mayQueue }: { quote: QuoteView; mayQueue: boolean }) {
  const t = useTranslations("quotes");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const open = quote.status === "open";

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ kind: "success", text: await action() });
      router.refresh();
    } catch (err) {
      setMessage({ kind: "error", text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  const toQueue = () =>
    run(async () => {
      let added = 0;
      for (let left = quote.copies; left > 0; left -= QUEUE_BATCH) {
        const response = await addToQueue({
          fileId: quote.fileId,
          ...(quote.plate ? { plate: quote.plate } : {}),
          copies: Math.min(left, QUEUE_BATCH),
          customer: quote.customer,
          ...(quote.orderReference ? { orderReference: quote.orderReference } : {}),
          businessUse: true,
          note: quote.number,
        });
        added += response.items.length;
      }
      return t("actions.queued", { count: added });
    });

  const cancel = () => {
    if (!window.confirm(t("actions.cancelConfirm", { number: quote.number }))) return;
    void run(async () => {
      await cancelQuote(quote.id);
      return t("actions.cancelled");
    });
  };

  return (
    <div className="mb-4 space-y-2 print:hidden" data-testid="quote-actions">
      <div className="flex flex-wrap gap-2">
        <Link href={`/quotes/${quote.id}/print`} className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700" data-testid="quote-print-link">
          {t("actions.print")}
        </Link>
        {mayQueue && open ? (
          <Button variant="secondary" disabled={busy} onClick={() => void toQueue()} title={t("actions.queueHint")} data-testid="quote-to-queue">
            {t("actions.toQueue", { copies: quote.copies })}
          </Button>
        ) : null}
        {open ? (
          <Button variant="danger" disabled={busy} onClick={cancel} data-testid="quote-cancel">
            {t("actions.cancel")}
          </Button>
        ) : null}
      </div>
      {message ? <FormMessage kind={message.kind} testId="quote-action-message">{message.text}</FormMessage> : null}
    </div>
  );
}
