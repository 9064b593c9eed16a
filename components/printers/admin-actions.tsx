"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { Icon } from "@/components/shell/icons";
import { Link, useRouter } from "@/i18n/navigation";
import { removePrinter, testConnection, updatePrinter } from "@/lib/client/use-printers";
import type { ConnectionTestResult } from "@/lib/printers/schemas";
import { ConfirmDialog } from "./confirm-dialog";
import { useLivePrinter } from "./fleet-provider";
import { TestResult } from "./test-result";

/** Edit, test, disable and delete: admins only. */
export function AdminActions({ id }: { id: string }) {
  const printer = useLivePrinter(id);
  const t = useTranslations("printers.admin");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  if (!printer) return null;

  const fail = (e: unknown) => setError(errorMessage(e));
  const test = async () => {
    setTesting(true);
    setResult(null);
    setError(null);
    try {
      const answer = await testConnection({ printerId: id });
      if (answer.result) setResult(answer.result);
      else setError(t("testPending"));
    } catch (e) {
      fail(e);
    } finally {
      setTesting(false);
    }
  };
  // A test result speaks of the connection before the switch; it is no longer current after it.
  const toggle = async () => {
    setError(null);
    setResult(null);
    try {
      await updatePrinter(id, { enabled: !printer.enabled });
      router.refresh();
    } catch (e) {
      fail(e);
    }
  };
  const remove = async () => {
    try {
      await removePrinter(id);
      router.push("/printers");
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section aria-labelledby="admin-heading" data-testid="admin-actions" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="admin-heading" className="mb-3 text-lg font-semibold">
        {t("title")}
      </h2>
      <div className="flex flex-wrap gap-2">
        <Link
          href={`/printers/${id}/edit`}
          className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
        >
          <Icon name="edit" /> {t("edit")}
        </Link>
        <Button variant="secondary" onClick={() => void test()} disabled={testing} data-testid="admin-test">
          <Icon name="refresh" className="mr-1.5 h-4 w-4" /> {t("test")}
        </Button>
        <Button variant="secondary" onClick={() => void toggle()} data-testid="admin-toggle">
          {printer.enabled ? t("disable") : t("enable")}
        </Button>
        <Button variant="danger" onClick={() => setConfirmDelete(true)} data-testid="admin-delete">
          <Icon name="trash" className="mr-1.5 h-4 w-4" /> {t("delete")}
        </Button>
      </div>
      <div className="mt-3 space-y-2">
        <TestResult result={result} pending={testing} />
        {error ? <FormMessage kind="error">{error}</FormMessage> : null}
      </div>
      <ConfirmDialog
        open={confirmDelete}
        title={t("deleteTitle")}
        body={t("deleteBody", { name: printer.name })}
        confirmLabel={t("deleteConfirm")}
        cancelLabel={t("cancel")}
        danger
        onConfirm={() => void remove()}
        onClose={() => setConfirmDelete(false)}
        testId="delete-dialog"
      />
    </section>
  );
}
