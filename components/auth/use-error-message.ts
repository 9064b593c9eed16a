"use client";

import { useTranslations } from "next-intl";
import { ApiClientError } from "@/lib/client/api-error";

/** Localizes an API failure by its code; unknown codes and other errors get the generic text. */
export function useErrorMessage(): (error: unknown) => string {
  const t = useTranslations("errors");
  return (error) => {
    const code = error instanceof ApiClientError ? error.code : "internal";
    return t.has(code) ? t(code) : t("internal");
  };
}
