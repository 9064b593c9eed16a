import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

export async function BackToSettings() {
  const t = await getTranslations("settings");
  return (
    <Link href="/settings" className="mb-4 inline-block text-sm text-brand-700 hover:underline dark:text-brand-100">
      <span aria-hidden="true">← </span>
      {t("back")}
    </Link>
  );
}
