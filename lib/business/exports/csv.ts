import { berlinWallClock } from "../calendar";
import { ratio, toDecimalString, type Cents, type Exact } from "../money/money";

/**
 * CSV as spreadsheets read it. German Excel: UTF-8 with BOM, ";" between fields,
 * decimal comma, TT.MM.JJJJ dates. English: "," and ".", ISO dates. Every field that
 * needs it is quoted (RFC 4180), and a text cell starting with = + - @ (or tab/CR) gets
 * a leading apostrophe so a spreadsheet never runs it as a formula.
 */

export type CsvLocale = "de" | "en";

export interface CsvFormat {
  separator: ";" | ",";
  decimal: "," | ".";
  locale: CsvLocale;
}

export function csvFormat(locale: CsvLocale): CsvFormat {
  return locale === "de" ? { separator: ";", decimal: ",", locale } : { separator: ",", decimal: ".", locale };
}

const formulaStart = /^[=+\-@\t\r]/;

/** A text cell: guarded against formula injection, quoted when needed. */
export function textCell(value: string | null | undefined, format: CsvFormat): string {
  const text = value ?? "";
  const guarded = formulaStart.test(text) ? `'${text}` : text;
  return quoteIfNeeded(guarded, format);
}

function quoteIfNeeded(text: string, format: CsvFormat): string {
  return text.includes(format.separator) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A number cell (not guarded: "-1,50" is a number, not a formula). */
export function decimalCell(value: Exact, places: number, format: CsvFormat): string {
  const text = toDecimalString(value, places);
  return quoteIfNeeded(format.decimal === "," ? text.replace(".", ",") : text, format);
}

export function centsCell(cents: Cents, format: CsvFormat): string {
  return decimalCell(ratio(cents, 100), 2, format);
}

/** The Berlin calendar day of an instant: 31.03.2026 or 2026-03-31. */
export function dateCell(instant: Date, format: CsvFormat): string {
  const { year, month, day } = berlinWallClock(instant);
  const dd = String(day).padStart(2, "0");
  const mm = String(month).padStart(2, "0");
  return format.locale === "de" ? `${dd}.${mm}.${year}` : `${year}-${mm}-${dd}`;
}

export function csvLine(cells: readonly string[], format: CsvFormat): string {
  return `${cells.join(format.separator)}\r\n`;
}

/** The whole file; German gets the BOM Excel needs to read UTF-8. */
export function csvDocument(lines: readonly string[], format: CsvFormat): string {
  return `${format.locale === "de" ? "\uFEFF" : ""}${lines.join("")}`;
}

/** Parses this module's CSV back (for tests and round trips): quoted fields, doubled quotes. */
export function parseCsv(text: string, separator: string): string[][] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = "";
    } else if (char === "\r" && body[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}
