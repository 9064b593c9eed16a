import { redirect as nextRedirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { redirect } from "@/i18n/navigation";
import { getPageUser, pageTitle } from "@/lib/auth/page";
import { localPathOf } from "@/lib/auth/redirect-target";
import { hasAnyUser } from "@/lib/auth/users";
import type { SearchParams } from "@/lib/http/search-params";

export const generateMetadata = pageTitle("auth.login");

export default async function LoginPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { callbackUrl } = await searchParams;
  const target = typeof callbackUrl === "string" ? localPathOf(callbackUrl) : null;
  if (!(await hasAnyUser())) redirect({ href: "/setup", locale });
  if (await getPageUser()) {
    if (target) nextRedirect(target);
    redirect({ href: "/", locale });
  }
  const t = await getTranslations("auth.login");
  return (
    <AuthCard title={t("title")} intro={t("intro")}>
      <LoginForm callbackUrl={target} />
    </AuthCard>
  );
}
