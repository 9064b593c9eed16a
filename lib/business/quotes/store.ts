import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { addDays, berlinDateOf } from "../calendar";
import { storedLineSchema } from "../costing/stored-line";
import { computeQuote } from "./compute";
import { quoteComputationSchema, type QuoteCreate, type QuoteView } from "./schemas";

/**
 * Saved quotes. A quote keeps what it was computed with (rate, materials, grams) and is
 * never recomputed: it is what the customer was offered. Numbers run per Berlin year,
 * "KV-2026-0001"; a quote is cancelled, never deleted, so no number goes missing.
 */

const DEFAULT_VALID_DAYS = 30;

/** What the row's `input` column holds besides the columns. */
const storedInputSchema = quoteComputationSchema.pick({ plates: true, printSeconds: true, filaments: true, labourMinutes: true, markupBp: true, invoiceNoteKey: true }).extend({
  locale: z.enum(["de", "en"]),
});

type QuoteRow = NonNullable<Awaited<ReturnType<typeof db.quote.findUnique>>>;

const pad = (n: number, length = 2) => String(n).padStart(length, "0");
const isoDate = (d: { year: number; month: number; day: number }) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

export function quoteNumber(year: number, sequence: number): string {
  return `KV-${year}-${pad(sequence, 4)}`;
}

function toView(row: QuoteRow): QuoteView {
  const stored = storedInputSchema.parse(JSON.parse(row.input));
  return {
    id: row.id,
    number: row.number,
    fileId: row.fileId,
    fileName: row.fileName,
    plate: row.plate,
    plates: stored.plates,
    copies: row.copies,
    printSeconds: stored.printSeconds,
    filaments: stored.filaments,
    labourMinutes: stored.labourMinutes,
    markupBp: stored.markupBp,
    lines: z.array(storedLineSchema).parse(JSON.parse(row.lines)),
    unit: { netCents: row.unitNetCents, vatCents: row.unitVatCents, grossCents: row.unitGrossCents },
    total: { netCents: row.netCents, vatCents: row.vatCents, grossCents: row.grossCents },
    vatRateBp: row.vatRateBp,
    treatment: z.enum(["vat", "kleinunternehmer", "private"]).parse(row.treatment),
    invoiceNoteKey: stored.invoiceNoteKey,
    priceVersion: row.priceVersion,
    customer: row.customer,
    orderReference: row.orderReference,
    note: row.note,
    validUntil: row.validUntil.toISOString().slice(0, 10),
    locale: stored.locale,
    status: row.status === "cancelled" ? "cancelled" : "open",
    createdAt: row.createdAt.toISOString(),
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
  };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && err.code === "P2002";
}

export async function createQuote(body: QuoteCreate, context: { actorId: string | null; now?: Date }): Promise<QuoteView> {
  const now = context.now ?? new Date();
  const { customer, orderReference, note, validUntil, locale, ...input } = body;
  const computed = await computeQuote(input, now);
  const today = berlinDateOf(now);
  const validDate = validUntil ?? isoDate(addDays(today, DEFAULT_VALID_DAYS));
  if (validDate < isoDate(today)) throw apiError("validation_failed", { issues: [{ path: "validUntil", code: "custom", message: "in_the_past" }] });
  const stored = {
    plates: computed.plates,
    printSeconds: computed.printSeconds,
    filaments: computed.filaments,
    labourMinutes: computed.labourMinutes,
    markupBp: computed.markupBp,
    invoiceNoteKey: computed.invoiceNoteKey,
    locale: locale ?? "de",
  };
  const year = today.year;
  for (let attempt = 0; ; attempt++) {
    const last = await db.quote.findFirst({ where: { year }, orderBy: { sequence: "desc" }, select: { sequence: true } });
    const sequence = (last?.sequence ?? 0) + 1;
    try {
      const row = await db.quote.create({
        data: {
          number: quoteNumber(year, sequence),
          year,
          sequence,
          fileId: computed.fileId,
          fileName: computed.fileName,
          plate: computed.plate,
          copies: computed.copies,
          customer,
          orderReference: orderReference || null,
          note: note || null,
          validUntil: new Date(`${validDate}T00:00:00.000Z`),
          input: JSON.stringify(stored),
          lines: JSON.stringify(computed.lines),
          unitNetCents: computed.unit.netCents,
          unitVatCents: computed.unit.vatCents,
          unitGrossCents: computed.unit.grossCents,
          netCents: computed.total.netCents,
          vatCents: computed.total.vatCents,
          grossCents: computed.total.grossCents,
          vatRateBp: computed.vatRateBp,
          treatment: computed.treatment,
          priceVersion: computed.priceVersion,
          createdAt: now,
          createdById: context.actorId,
        },
      });
      return toView(row);
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 4) throw err;
    }
  }
}

export async function listQuotes(): Promise<QuoteView[]> {
  const rows = await db.quote.findMany({ orderBy: [{ year: "desc" }, { sequence: "desc" }], take: 500 });
  return rows.map(toView);
}

export async function getQuote(id: string): Promise<QuoteView> {
  const row = await db.quote.findUnique({ where: { id } });
  if (!row) throw apiError("not_found");
  return toView(row);
}

/** Cancels an open quote; cancelling again changes nothing. */
export async function cancelQuote(id: string, now = new Date()): Promise<QuoteView> {
  const row = await db.quote.findUnique({ where: { id }, select: { status: true } });
  if (!row) throw apiError("not_found");
  if (row.status !== "cancelled") await db.quote.update({ where: { id }, data: { status: "cancelled", cancelledAt: now } });
  return getQuote(id);
}

/** A quote for a page, or null when there is none with this id. */
export async function findQuote(id: string): Promise<QuoteView | null> {
  const row = await db.quote.findUnique({ where: { id } });
  return row ? toView(row) : null;
}
