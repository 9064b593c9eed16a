import { z } from "zod";
import { defineRoute } from "@/lib/api/route-spec";
import { businessProfilePatchSchema, businessProfileViewSchema } from "../profile/schemas";
import { quoteComputationSchema, quoteCreateSchema, quoteInputSchema, quoteViewSchema } from "./schemas";

/** Price quotes and the shop's business details they print. */

const tags = ["business"] as const;
const idParams = z.object({ id: z.string().min(1).max(64) });

export const quotesPreview = defineRoute({
  permission: "quotes:manage",
  body: quoteInputSchema,
  response: quoteComputationSchema,
  openapi: {
    method: "POST",
    path: "/api/quotes/preview",
    summary: "Compute a quote for a file without saving it",
    description:
      "One print of the file's plate priced like a job (material per filament at today's prices, energy, machine time, labour, markup, VAT at today's rate), times the copies: each copy becomes a job booked alone.",
    tags,
    errors: ["not_found", "quote_file_unusable"],
  },
});

export const quotesCreate = defineRoute({
  permission: "quotes:manage",
  body: quoteCreateSchema,
  response: quoteViewSchema,
  openapi: {
    method: "POST",
    path: "/api/quotes",
    summary: "Compute and save a quote with its number (KV-<year>-<n>), customer and validity",
    tags,
    successStatus: 201,
    errors: ["not_found", "quote_file_unusable"],
  },
});

export const quotesList = defineRoute({
  permission: "quotes:manage",
  response: z.object({ quotes: z.array(quoteViewSchema) }),
  openapi: { method: "GET", path: "/api/quotes", summary: "Saved quotes, newest first (at most 500)", tags },
});

export const quotesGet = defineRoute({
  permission: "quotes:manage",
  params: idParams,
  response: quoteViewSchema,
  openapi: { method: "GET", path: "/api/quotes/{id}", summary: "One saved quote", tags, errors: ["not_found"] },
});

export const quotesCancel = defineRoute({
  permission: "quotes:manage",
  params: idParams,
  response: quoteViewSchema,
  openapi: {
    method: "DELETE",
    path: "/api/quotes/{id}",
    summary: "Cancel a quote (kept with its number, marked cancelled)",
    tags,
    errors: ["not_found"],
  },
});

export const businessProfileGet = defineRoute({
  permission: "settings:manage",
  response: businessProfileViewSchema,
  openapi: { method: "GET", path: "/api/business/profile", summary: "The shop's business details (Impressum, quotes, DATEV)", tags },
});

export const businessProfileUpdate = defineRoute({
  permission: "settings:manage",
  body: businessProfilePatchSchema,
  response: businessProfileViewSchema,
  openapi: {
    method: "PATCH",
    path: "/api/business/profile",
    summary: "Change the shop's business details",
    description: "USt-IdNr.: DE and 9 digits; IBAN with valid check digits (MOD 97); BIC of 8 or 11 characters. Empty text clears a field.",
    tags,
  },
});

export const quotesApiRoutes = [quotesPreview, quotesCreate, quotesList, quotesGet, quotesCancel, businessProfileGet, businessProfileUpdate];
