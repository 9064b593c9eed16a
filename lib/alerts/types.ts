/**
 * Alert types, each with a fixed severity. The message for a type is "alerts.<type>"
 * in the message files, filled with the alert's params.
 */

export const alertTypes = [
  "overheat",
  "heating_timeout",
  "offline_while_printing",
  "print_failed",
  "filament_runout",
  "attention",
  "connection_error",
  "developer_mode",
  "low_stock",
  "bed_waiting",
  "queue_item_failed",
] as const;
export type AlertType = (typeof alertTypes)[number];

export const alertSeverities = ["info", "warning", "critical"] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

export const severityOf: Record<AlertType, AlertSeverity> = {
  overheat: "critical",
  heating_timeout: "warning",
  offline_while_printing: "critical",
  print_failed: "warning",
  filament_runout: "warning",
  attention: "warning",
  connection_error: "warning",
  developer_mode: "warning",
  low_stock: "info",
  bed_waiting: "info",
  queue_item_failed: "warning",
};

/**
 * Alerts about the business rather than a printer (and the queue waiting for a bed or
 * failing an item, which wait for someone on the floor). Their notifications wait for the
 * next business-hours start; alerts about a printer are always sent at once.
 */
export const nonUrgentAlertTypes: readonly AlertType[] = ["low_stock", "bed_waiting", "queue_item_failed"];

export type AlertParams = Record<string, string | number | boolean | null>;

export function isAlertType(value: string): value is AlertType {
  return (alertTypes as readonly string[]).includes(value);
}
