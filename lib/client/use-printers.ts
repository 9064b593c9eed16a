"use client";

import { useCallback } from "react";
import useSWR from "swr";
import { currentThumbnailsSchema, type CurrentThumbnail } from "@/lib/jobs/schemas";
import {
  deletePrinterResponseSchema,
  printerCommandResponseSchema,
  printerListSchema,
  printerViewSchema,
  samplesResponseSchema,
  testConnectionResponseSchema,
  type PrinterView,
} from "@/lib/printers/schemas";
import type { PrinterAction } from "@/lib/printers/types";
import { apiFetch, schemaFetcher } from "./api-fetch";

const PRINTERS_KEY = "/api/printers";
const printerPath = (id: string) => `${PRINTERS_KEY}/${encodeURIComponent(id)}`;

const listFetcher = async (url: string): Promise<PrinterView[]> => (await apiFetch(url, printerListSchema)).printers;
const printerFetcher = schemaFetcher(printerViewSchema);
const samplesFetcher = schemaFetcher(samplesResponseSchema);
const thumbnailsFetcher = schemaFetcher(currentThumbnailsSchema);

/** All printers with their live state; the server-rendered list is the first value. */
export function usePrinters(fallback?: PrinterView[]) {
  const { data, mutate } = useSWR(PRINTERS_KEY, listFetcher, { fallbackData: fallback, revalidateOnMount: !fallback });
  return { printers: data, revalidate: () => void mutate() };
}

/** One printer with its live state. */
export function usePrinter(id: string, fallback?: PrinterView) {
  const { data, mutate } = useSWR(printerPath(id), printerFetcher, { fallbackData: fallback, revalidateOnMount: !fallback });
  return { printer: data, revalidate: () => void mutate() };
}

export type SampleRange = "1h" | "24h" | "7d";

/** Temperature history of one printer, averaged by the server. */
export function useSamples(printerId: string, range: SampleRange) {
  const { data, error, isLoading } = useSWR(`${printerPath(printerId)}/samples?range=${range}`, samplesFetcher, {
    revalidateOnFocus: false,
  });
  return { samples: data?.samples, bucketSeconds: data?.bucketSeconds, error, isLoading };
}

/**
 * Pictures of the files the printers (or one printer) print; the server-rendered list is
 * the value until `refresh` asks again.
 */
export function usePrinterThumbnails(initial: CurrentThumbnail[], printerId?: string) {
  const url = printerId ? `${PRINTERS_KEY}/thumbnails?printerId=${encodeURIComponent(printerId)}` : `${PRINTERS_KEY}/thumbnails`;
  const { data, mutate } = useSWR(url, thumbnailsFetcher, {
    fallbackData: { thumbnails: initial },
    revalidateOnMount: false,
    revalidateOnFocus: false,
  });
  const refresh = useCallback(() => void mutate(), [mutate]);
  return { thumbnails: data.thumbnails, refresh };
}

export function sendCommand(id: string, action: PrinterAction) {
  return apiFetch(`${printerPath(id)}/commands?wait=1`, printerCommandResponseSchema, { method: "POST", body: { action } });
}

export function testConnection(body: Record<string, unknown>) {
  return apiFetch(`${PRINTERS_KEY}/test-connection`, testConnectionResponseSchema, { method: "POST", body });
}

export function createPrinter(body: Record<string, unknown>): Promise<PrinterView> {
  return apiFetch(PRINTERS_KEY, printerViewSchema, { method: "POST", body });
}

export function updatePrinter(id: string, body: Record<string, unknown>): Promise<PrinterView> {
  return apiFetch(printerPath(id), printerViewSchema, { method: "PATCH", body });
}

export function removePrinter(id: string) {
  return apiFetch(printerPath(id), deletePrinterResponseSchema, { method: "DELETE" });
}
