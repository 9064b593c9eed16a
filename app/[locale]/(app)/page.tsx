import { getTranslations, setRequestLocale } from "next-intl/server";
import { WorkerHeartbeat } from "@/components/live/worker-heartbeat";
import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/page";
import { env } from "@/lib/config/env";
import { readWorkerStatus } from "@/lib/worker/lease";

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

export default async function DashboardPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requirePageUser("printers:read");
  const t = await getTranslations("dashboard");
  const worker = await readWorkerStatus();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <ComingSoon title={t("printersTitle")} body={t("printersSoon")} />
        <WorkerHeartbeat
          initial={{ holder: worker.holder, heartbeatAt: worker.heartbeatAt?.toISOString() ?? null }}
          staleMs={env().PRINTERNIZER_WORKER_STALE_MS}
        />
      </div>
    </>
  );
}
