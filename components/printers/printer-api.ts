/**
 * The printer form's imports, kept while components/printers/printer-form.tsx is being
 * rebuilt on the per-kind descriptors; the data layer itself is lib/client.
 */
export { ApiClientError as PrinterApiError } from "@/lib/client/api-error";
export { createPrinter, testConnection, updatePrinter } from "@/lib/client/use-printers";
