import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { redirect } from "@/i18n/navigation";
import { pageTitle } from "@/lib/auth/page";
import { hasAnyUser } from "@/lib/auth/users";

export const generateMetadata = pageTitle("auth.setup");

/** One-time: creating the first admin. Once anyone exists, this page only sends people to the login. */
export default async function SetupPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  // Decided per request: never prerendered with the build machine's (empty) database.
  await connection();
  if (await hasAnyUser()) redirect({ href: "/login", locale });
  const t = await getTranslations("auth.setup");
  return (
    <AuthCard title={t("title")} intro={t("intro")}>
      <SetupForm />
    </AuthCard>
  );
}
