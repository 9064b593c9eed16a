"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/auth/form-controls";

/** Opens the browser's print dialog for the page. */
export function PrintButton() {
  const t = useTranslations("quotes");
  return (
    <Button onClick={() => window.print()} data-testid="quote-print-now">
      {t("actions.printNow")}
    </Button>
  );
}
