import { formatCents } from "@/lib/business/money/money";

/** A cent amount in the page's locale, right-aligned digits. */
export function Money({ cents, locale }: { cents: number; locale: string }) {
  return <span className="tabular-nums">{formatCents(cents, locale === "en" ? "en" : "de-DE")}</span>;
}
