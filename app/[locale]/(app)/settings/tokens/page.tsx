import { BackToSettings } from "@/components/settings/back-link";
import { TokensManager } from "@/components/settings/tokens-manager";
import { PageHeader } from "@/components/shell/page-header";
import { toApiTokenDto } from "@/lib/auth/dto";
import { openPage, pageTitle } from "@/lib/auth/page";
import { scopesOfRole } from "@/lib/auth/token-scopes";
import { listApiTokens, maxTokenDays } from "@/lib/auth/tokens";

export const generateMetadata = pageTitle("settings.tokens");

export default async function TokensSettingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { user, t } = await openPage(params, "settings.tokens", { permission: "tokens:own", returnTo: "/settings/tokens" });
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
      <TokensManager initialTokens={tokens} scopes={scopesOfRole(user.role)} maxDays={maxTokenDays()} />
    </>
  );
}
