import { centsCell, csvDocument, csvFormat, csvLine, dateCell, decimalCell, textCell, type CsvLocale } from "./csv";
import { ratio } from "../money/money";
import type { VatTreatment } from "../money/vat";
import { reportCorrectionRows, type ReportCorrectionRow } from "../reports/corrections";
import { reportJobRows, type ReportJobRow } from "../reports/summary";

/**
 * One line per job that ended in the period, with the same stored values the summary
 * adds up, then one line per correction booked in the period (a change to a job of a
 * closed month), dated the day it was booked, with the difference it made.
 */

const headers: Record<CsvLocale, readonly string[]> = {
  de: [
    "Datum",
    "Auftrag",
    "Drucker",
    "Kunde",
    "Bestellnummer",
    "Verwendung",
    "Status",
    "Druckzeit (h)",
    "Filament (g)",
    "Energie (kWh)",
    "Arbeitszeit (min)",
    "Arbeit netto (EUR)",
    "Netto (EUR)",
    "USt.-Satz (%)",
    "USt. (EUR)",
    "Brutto (EUR)",
    "Steuerliche Behandlung",
    "Job-ID",
  ],
  en: [
    "Date",
    "Job",
    "Printer",
    "Customer",
    "Order reference",
    "Use",
    "Status",
    "Print time (h)",
    "Filament (g)",
    "Energy (kWh)",
    "Labour (min)",
    "Labour net (EUR)",
    "Net (EUR)",
    "VAT rate (%)",
    "VAT (EUR)",
    "Gross (EUR)",
    "VAT treatment",
    "Job ID",
  ],
};

const useLabel: Record<CsvLocale, { business: string; private: string }> = {
  de: { business: "geschäftlich", private: "privat" },
  en: { business: "business", private: "private" },
};

const statusLabel: Record<CsvLocale, Record<string, string>> = {
  de: { finished: "fertig", failed: "fehlgeschlagen", cancelled: "abgebrochen", correction: "Korrektur" },
  en: { finished: "finished", failed: "failed", cancelled: "cancelled", correction: "correction" },
};

const treatmentLabel: Record<CsvLocale, Record<VatTreatment, string>> = {
  de: { vat: "umsatzsteuerpflichtig", kleinunternehmer: "Kleinunternehmer (§ 19 UStG)", private: "privat (ohne Umsatz)" },
  en: { vat: "subject to VAT", kleinunternehmer: "small business (§ 19 UStG)", private: "private (no revenue)" },
};

const reasonLabel: Record<CsvLocale, Record<string, string>> = {
  de: { "job.business_changed": "Auftragsangaben geändert", recompute: "neu berechnet", "job.finished": "Auftrag beendet" },
  en: { "job.business_changed": "job details changed", recompute: "recomputed", "job.finished": "job finished" },
};

function correctionLine(row: ReportCorrectionRow, locale: CsvLocale): string[] {
  const format = csvFormat(locale);
  return [
    dateCell(row.bookedAt, format),
    textCell(row.name, format),
    textCell(row.printerName, format),
    textCell(row.customer, format),
    textCell(row.orderReference, format),
    textCell(row.businessUse ? useLabel[locale].business : useLabel[locale].private, format),
    textCell(`${statusLabel[locale].correction}: ${reasonLabel[locale][row.reason] ?? row.reason}`, format),
    "",
    "",
    "",
    "",
    "",
    centsCell(row.deltaNetCents, format),
    decimalCell(ratio(row.vatRateBp, 100), 2, format),
    centsCell(row.deltaVatCents, format),
    centsCell(row.deltaGrossCents, format),
    textCell(treatmentLabel[locale][row.treatment], format),
    textCell(row.jobId, format),
  ];
}

export function jobsCsv(rows: readonly ReportJobRow[], corrections: readonly ReportCorrectionRow[], locale: CsvLocale): string {
  const format = csvFormat(locale);
  const lines = [csvLine(headers[locale].map((header) => textCell(header, format)), format)];
  for (const row of rows) {
    const cost = row.cost;
    lines.push(
      csvLine(
        [
          dateCell(row.endedAt, format),
          textCell(row.name, format),
          textCell(row.printerName, format),
          textCell(row.customer, format),
          textCell(row.orderReference, format),
          textCell(row.businessUse ? useLabel[locale].business : useLabel[locale].private, format),
          textCell(statusLabel[locale][row.status] ?? row.status, format),
          decimalCell(ratio(row.printSeconds, 3600), 2, format),
          decimalCell(row.filamentGrams.toFixed(3), 2, format),
          decimalCell(row.energyKwh, 3, format),
          decimalCell(row.labourMinutes, 0, format),
          centsCell(row.labourCents, format),
          cost ? centsCell(cost.netCents, format) : "",
          cost ? decimalCell(ratio(cost.vatRateBp, 100), 2, format) : "",
          cost ? centsCell(cost.vatCents, format) : "",
          cost ? centsCell(cost.grossCents, format) : "",
          textCell(cost ? treatmentLabel[locale][cost.treatment] : "", format),
          textCell(row.jobId, format),
        ],
        format,
      ),
    );
  }
  for (const correction of corrections) lines.push(csvLine(correctionLine(correction, locale), format));
  return csvDocument(lines, format);
}

export async function jobsCsvForRange(from: string, to: string, locale: CsvLocale): Promise<string> {
  return jobsCsv(await reportJobRows(from, to), await reportCorrectionRows(from, to), locale);
}
