"use client";

import { quoteComputationSchema, quoteViewSchema, type QuoteCreate, type QuoteInput } from "@/lib/business/quotes/schemas";
import { apiFetch } from "./api-fetch";

/** Prices a quote without saving it. */
export function previewQuote(body: QuoteInput) {
  return apiFetch("/api/quotes/preview", quoteComputationSchema, { method: "POST", body });
}

/** Saves a quote with its number. */
export function createQuote(body: QuoteCreate) {
  return apiFetch("/api/quotes", quoteViewSchema, { method: "POST", body });
}

/** Cancels a quote; it stays listed with its number. */
export function cancelQuote(id: string) {
  return apiFetch(`/api/quotes/${id}`, quoteViewSchema, { method: "DELETE" });
}
