import { getLocale, getTranslations } from "next-intl/server";
import { getPageUser } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { jobCostPanelData } from "@/lib/business/costing/cost-panel";
import { formatCents, roundToCents } from "@/lib/business/money/money";
import { formatNumber } from "@/lib/format/number";
import { LabourForm } from "./labour-form";
import { Money } from "./money";

/**
 * The business side of a job on its page: the cost lines in force for whoever reads the
 * business, and the labour minutes for staff who may edit business data (operators enter
 * them without seeing money). Hidden from everyone else.
 */
export async function JobCostPanel({ jobId }: { jobId: string }) {
  const user = await getPageUser();
  if (!user) return null;
  const seesMoney = can(user.role, "business:read");
  if (!seesMoney && !can(user.role, "business:edit")) return null;
  const data = await jobCostPanelData(jobId);
  if (!data) return null;
  const t = await getTranslations("business.jobCost");
  const tJobs = await getTranslations("jobs");
  const locale = await getLocale();
  const cell = "px-2 py-1 text-right tabular-nums";
  const rate = data.labourCentsPerHour === null ? null : formatCents(roundToCents(data.labourCentsPerHour), locale === "en" ? "en" : "de-DE");
  return (
    <section aria-labelledby="job-cost" data-testid="job-cost" className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="job-cost" className="mb-3 text-lg font-semibold">{t("title")}</h2>
      {!seesMoney ? null : data.cost ? (
        <table className="mb-4 min-w-full text-sm" data-testid="job-cost-lines">
          <thead className="text-xs uppercase text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-2 py-1 text-left">{t("line")}</th>
              <th scope="col" className={cell}>{t("quantity")}</th>
              <th scope="col" className={cell}>{t("net")}</th>
            </tr>
          </thead>
          <tbody>
            {data.filamentKnown ? null : (
              <tr className="border-t border-slate-100 dark:border-slate-800" data-testid="job-cost-material-unknown">
                <th scope="row" className="px-2 py-1 text-left font-normal">{t("kinds.material")}</th>
                <td className={cell} />
                <td className={`${cell} text-amber-800 dark:text-amber-300`}>{tJobs("filamentUnknown")}</td>
              </tr>
            )}
            {data.cost.lines.map((line, index) => (
              <tr key={`${line.kind}-${index}`} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  {t(`kinds.${line.kind}`)}
                  {line.label ? <span className="text-slate-500 dark:text-slate-400"> · {line.label}</span> : null}
                </th>
                <td className={cell}>{formatNumber(locale, Number(line.quantity), line.unit === "g" ? 1 : 2)} {line.unit}</td>
                <td className={cell}><Money cents={line.netCents} locale={locale} /></td>
              </tr>
            ))}
            <tr className="border-t border-slate-300 font-medium dark:border-slate-700">
              <th scope="row" className="px-2 py-1 text-left">{t("net")}</th>
              <td />
              <td className={cell}><Money cents={data.cost.netCents} locale={locale} /></td>
            </tr>
            <tr>
              <th scope="row" className="px-2 py-1 text-left font-normal">{t("vat", { rate: data.cost.vatRateBp / 100 })}</th>
              <td />
              <td className={cell}><Money cents={data.cost.vatCents} locale={locale} /></td>
            </tr>
            <tr className="font-semibold">
              <th scope="row" className="px-2 py-1 text-left">{t("gross")}</th>
              <td />
              <td className={cell} data-testid="job-cost-gross"><Money cents={data.cost.grossCents} locale={locale} /></td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{data.ended ? t("notPriced") : t("running")}</p>
      )}
      {seesMoney && data.cost && !data.filamentKnown ? (
        <p className="mb-3 text-xs text-amber-800 dark:text-amber-300" data-testid="job-cost-filament-hint">{tJobs("filamentUnknownHint")}</p>
      ) : null}
      {seesMoney && data.cost?.corrected ? <p className="mb-3 text-xs text-amber-800 dark:text-amber-300">{t("corrected")}</p> : null}
      {data.ended && can(user.role, "business:edit") ? (
        <LabourForm jobId={jobId} minutes={data.labourMinutes} rateText={seesMoney ? rate : null} monthClosed={data.monthClosed} />
      ) : (
        <p className="text-sm">{t("labourMinutes")}: {data.labourMinutes ?? 0}</p>
      )}
    </section>
  );
}
