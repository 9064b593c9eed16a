import { describe, expect, it } from "vitest";
import { permissionsOf } from "@/lib/auth/permissions";
import { tokenPermissions } from "@/lib/auth/token-scopes";
import type { StreamEvent } from "@/lib/events/stream-event";
import { eventForViewer } from "./event-visibility";

const jobEvent: StreamEvent = {
  id: 7,
  type: "job.finished",
  printerId: "p1",
  createdAt: "2026-12-07T10:00:00.000Z",
  payload: {
    jobId: "j1",
    status: "finished",
    customer: "Müller GmbH",
    orderReference: "A-17",
    cost: { netCents: 1234, vatCents: 234, grossCents: 1468 },
    lines: [{ kind: "material", grams: 12, pricePerKgCents: 2500 }],
    revenueCents: 1468,
  },
};
const lowStock: StreamEvent = { id: 8, type: "spool.low_stock", printerId: null, createdAt: "", payload: { spoolId: "s1", remainingGrams: 50, thresholdGrams: 100, label: "PLA" } };

describe("event payloads per role", () => {
  it("carry no customer, order or money for a viewer", () => {
    const seen = eventForViewer(jobEvent, permissionsOf("viewer"));
    expect(seen?.payload).toEqual({ jobId: "j1", status: "finished", lines: [{ kind: "material", grams: 12 }] });
    expect(JSON.stringify(seen)).not.toMatch(/Müller|A-17|Cents|cost/);
    expect(eventForViewer(lowStock, permissionsOf("viewer"))).toBeNull();
  });

  it("carry customer and order but no money for an operator", () => {
    expect(eventForViewer(jobEvent, permissionsOf("operator"))?.payload).toEqual({
      jobId: "j1",
      status: "finished",
      customer: "Müller GmbH",
      orderReference: "A-17",
      lines: [{ kind: "material", grams: 12 }],
    });
    expect(eventForViewer(lowStock, permissionsOf("operator"))).toEqual(lowStock);
  });

  it("carry everything for an accountant and an admin, and only what a token's scopes open", () => {
    expect(eventForViewer(jobEvent, permissionsOf("accountant"))).toEqual(jobEvent);
    expect(eventForViewer(jobEvent, permissionsOf("admin"))).toEqual(jobEvent);
    expect(eventForViewer(jobEvent, tokenPermissions("admin", ["read"]))?.payload).not.toHaveProperty("customer");
  });
});
