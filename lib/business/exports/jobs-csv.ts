import { centsCell, csvDocument, csvFormat, csvLine, dateCell, decimalCell, textCell, type CsvLocale } from "./csv";
import { ratio } from "../money/money";
import { reportJobRows, type ReportJobRow } from "../reports/summary";

/** One line per job that ended in the period, with the same stored values the summary adds up. */

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
    "USt-Satz (%)",
    "USt (EUR)",
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

export function jobsCsv(rows: readonly ReportJobRow[], locale: CsvLocale): string {
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
          textCell(row.status, format),
          decimalCell(ratio(row.printSeconds, 3600), 2, format),
          decimalCell(row.filamentGrams.toFixed(3), 2, format),
          decimalCell(row.energyKwh, 3, format),
          decimalCell(row.labourMinutes, 0, format),
          centsCell(row.labourCents, format),
          cost ? centsCell(cost.netCents, format) : "",
          cost ? decimalCell(ratio(cost.vatRateBp, 100), 2, format) : "",
          cost ? centsCell(cost.vatCents, format) : "",
          cost ? centsCell(cost.grossCents, format) : "",
          textCell(cost?.treatment ?? "", format),
          textCell(row.jobId, format),
        ],
        format,
      ),
    );
  }
  return csvDocument(lines, format);
}

export async function jobsCsvForRange(from: string, to: string, locale: CsvLocale): Promise<string> {
  return jobsCsv(await reportJobRows(from, to), locale);
}
