"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Icon } from "@/components/shell/icons";
import { Link } from "@/i18n/navigation";
import type { FirstStep } from "@/lib/business/onboarding/first-steps";
import { dismissFirstSteps } from "@/lib/client/use-account";

/** The admin's checklist after setup: what is still to do, each step one link away. */
export function FirstSteps({ steps }: { steps: FirstStep[] }) {
  const t = useTranslations("dashboard.firstSteps");
  const [hidden, setHidden] = useState(false);
  const [failed, setFailed] = useState(false);
  if (hidden) return null;
  const done = steps.filter((s) => s.done).length;
  const hide = async () => {
    try {
      await dismissFirstSteps();
      setHidden(true);
    } catch {
      setFailed(true);
    }
  };
  return (
    <section
      aria-labelledby="first-steps-heading"
      data-testid="first-steps"
      className="mb-6 rounded-xl border border-slate-200 border-l-4 border-l-brand-600 bg-white p-5 shadow-sm dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="first-steps-heading" className="text-lg font-semibold">
            {t("title")}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="first-steps-progress">
            {t("progress", { done, total: steps.length })}
          </p>
        </div>
        <button
          type="button"
          onClick={hide}
          data-testid="first-steps-dismiss"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {t("dismiss")}
        </button>
      </div>
      {failed ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {t("dismissFailed")}
        </p>
      ) : null}
      <ol className="mt-4 grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
        {steps.map((step) => (
          <li key={step.key} data-testid={`first-step-${step.key}`} data-done={step.done}>
            <Link
              href={step.href}
              className="flex h-full items-start gap-3 rounded-lg border border-slate-200 px-3 py-2 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800"
            >
              <span
                className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full border ${step.done ? "border-emerald-600 bg-emerald-600 text-white" : "border-slate-400"}`}
              >
                {step.done ? <Icon name="check" className="h-3.5 w-3.5" /> : null}
              </span>
              <span className="min-w-0">
                <span className={`block text-sm font-medium ${step.done ? "text-slate-600 line-through dark:text-slate-400" : "text-brand-700 dark:text-brand-100"}`}>
                  {t(`steps.${step.key}.title`)}
                </span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{t(`steps.${step.key}.hint`)}</span>
                <span className="sr-only">{step.done ? t("done") : t("open")}</span>
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
