import { getTranslations, setRequestLocale } from "next-intl/server";
import { BackToSettings } from "@/components/settings/back-link";
import { TokensManager } from "@/components/settings/tokens-manager";
import { PageHeader } from "@/components/shell/page-header";
import { toApiTokenDto } from "@/lib/auth/dto";
import { requirePageUser } from "@/lib/auth/page";
import { listApiTokens } from "@/lib/auth/tokens";

export async function generateMetadata() {
  const t = await getTranslations("settings.tokens");
  return { title: t("title") };
}

export default async function TokensSettingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser("tokens:own", `/${locale}/settings/tokens`);
  const t = await getTranslations("settings.tokens");
  const tokens = (await listApiTokens(user.id)).map(toApiTokenDto);
  return (
    <>
      <BackToSettings />
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a href="/api/openapi.json" className="text-sm text-brand-700 hover:underline dark:text-brand-100">
            {t("docs")}
          </a>
        }
      />
      <TokensManager initialTokens={tokens} />
    </>
  );
}
