"use client";

import useSWR from "swr";
import { printerViewSchema, type PrinterView } from "@/lib/printers/schemas";
import { schemaFetcher } from "./fetcher";

const fetcher = schemaFetcher(printerViewSchema);

/** One printer with its live state. */
export function usePrinter(id: string, fallback?: PrinterView) {
  const { data, mutate } = useSWR(`/api/printers/${encodeURIComponent(id)}`, fetcher, {
    fallbackData: fallback,
    revalidateOnMount: !fallback,
  });
  return { printer: data, revalidate: () => void mutate() };
}
