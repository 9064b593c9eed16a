"use client";

import useSWR from "swr";
import { apiFetch } from "@/components/auth/api-client";
import { printerListSchema, type PrinterView } from "@/lib/printers/schemas";

export const PRINTERS_KEY = "/api/printers";
const fetcher = async (url: string): Promise<PrinterView[]> => (await apiFetch(url, printerListSchema)).printers;

/** All printers with their live state; the server-rendered list is the first value. */
export function usePrinters(fallback?: PrinterView[]) {
  const { data, mutate } = useSWR(PRINTERS_KEY, fetcher, { fallbackData: fallback, revalidateOnMount: !fallback });
  return { printers: data, revalidate: () => void mutate() };
}
