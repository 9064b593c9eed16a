import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";

/** Impressum and privacy notice, linked from every page (app footer and sign-in card). */
export function LegalLinks({ className = "" }: { className?: string }) {
  const t = useTranslations("legal");
  return (
    <ul className={`flex flex-wrap gap-x-4 gap-y-1 ${className}`} data-testid="legal-links">
      <li>
        <Link href="/legal/impressum" className="underline-offset-2 hover:underline">
          {t("impressum")}
        </Link>
      </li>
      <li>
        <Link href="/legal/datenschutz" className="underline-offset-2 hover:underline">
          {t("datenschutz")}
        </Link>
      </li>
    </ul>
  );
}

export function LegalFooter() {
  const t = useTranslations("legal");
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <span>{t("footer")}</span>
      <LegalLinks />
    </div>
  );
}
