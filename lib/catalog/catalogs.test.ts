import { describe, expect, it } from "vitest";
import { alertEventSchemas } from "@/lib/alerts/events";
import { backupCommandSchemas } from "@/lib/backup/commands";
import { inventoryEventSchemas } from "@/lib/business/inventory/events";
import { commandEventSchemas } from "@/lib/commands/events";
import { fileCommandSchemas } from "@/lib/files/commands";
import { fileEventSchemas } from "@/lib/files/events";
import { jobEventSchemas } from "@/lib/jobs/events";
import { printerCommandSchemas } from "@/lib/printers/command-schemas";
import { printerEventSchemas } from "@/lib/printers/events";
import { queueEventSchemas } from "@/lib/queue/events";
import { workerCommandSchemas } from "@/lib/worker/commands";
import { workerEventSchemas } from "@/lib/worker/events";
import { commandSchemas } from "./commands";
import { eventSchemas } from "./events";

/** The catalogs spread the domains' maps together, where a repeated type would silently replace another. */
describe("the event and command catalogs", () => {
  it("list every domain's event types exactly once", () => {
    const declared = [workerEventSchemas, commandEventSchemas, printerEventSchemas, jobEventSchemas, alertEventSchemas, inventoryEventSchemas, fileEventSchemas, queueEventSchemas].flatMap(Object.keys);
    expect(Object.keys(eventSchemas).sort()).toEqual([...declared].sort());
  });

  it("list every domain's command types exactly once", () => {
    const declared = [workerCommandSchemas, printerCommandSchemas, fileCommandSchemas, backupCommandSchemas].flatMap(Object.keys);
    expect(Object.keys(commandSchemas).sort()).toEqual([...declared].sort());
  });
});
