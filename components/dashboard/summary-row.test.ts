import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentType, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import de from "@/messages/de/dashboard.json";
import en from "@/messages/en/dashboard.json";
import { LiveProvider } from "@/components/live/live-provider";
import { FleetProvider } from "@/components/printers/fleet-provider";
import { liveValues } from "@/components/printers/live-values";
import { summaryGroup } from "@/components/printers/state-style";
import type { PrinterView } from "@/lib/printers/schemas";
import { emptyState, type PrinterStateName } from "@/lib/printers/types";
import { SummaryRow } from "./summary-row";

/** A printer last heard in `state`; `live: false` for one the worker has not reached. */
function printer(id: string, state: PrinterStateName, options: { enabled?: boolean; online?: boolean } = {}): PrinterView {
  const online = options.online ?? true;
  return {
    id,
    name: `Drucker ${id}`,
    kind: "prusalink",
    host: "127.0.0.1",
    model: "Core One",
    serial: null,
    mqttPort: null,
    ftpPort: null,
    cameraPort: null,
    httpPort: 80,
    tls: "verify",
    hasCaCert: false,
    location: null,
    enabled: options.enabled ?? true,
    createdAt: "2026-11-25T10:00:00.000Z",
    updatedAt: "2026-11-25T10:00:00.000Z",
    bed: { state: "clear", since: null, reason: null, autoStart: false },
    live: {
      online,
      state,
      data: { ...emptyState(), online, state },
      lastMessageAt: "2026-11-25T10:05:00.000Z",
      lastError: null,
      reconnects: 0,
      updatedAt: "2026-11-25T10:05:00.000Z",
    },
  };
}

function wrap<P>(type: ComponentType<P>, props: Omit<P, "children">, ...children: ReactNode[]): ReactElement {
  return createElement(type as ComponentType<Omit<P, "children">>, props, ...children);
}

function render(locale: "de" | "en", printers: PrinterView[]): string {
  const messages = { dashboard: locale === "de" ? de : en };
  return renderToStaticMarkup(
    wrap(
      NextIntlClientProvider,
      { locale, messages, timeZone: "Europe/Berlin" },
      wrap(LiveProvider, { initialEventId: 0 }, wrap(FleetProvider, { initial: printers }, createElement(SummaryRow, { jobsToday: 3, alertsOpen: 1 }))),
    ),
  );
}

/** The tiles in order, each with its count. */
function tiles(html: string): [string, string][] {
  return [...html.matchAll(/data-testid="summary-([a-zA-Z]+)-value"[^>]*>([^<]*)</g)].map((m) => [m[1] ?? "", m[2] ?? ""]);
}

describe("summaryGroup", () => {
  it("puts a disabled printer in its own group, whatever it last reported", () => {
    for (const state of ["printing", "idle", "offline", "error"] as const) {
      expect(summaryGroup({ state, disabled: true })).toBe("disabled");
    }
    expect(summaryGroup(liveValues(printer("a", "printing", { enabled: false })))).toBe("disabled");
    expect(summaryGroup(liveValues(printer("b", "idle", { online: false })))).toBe("offline");
    expect(summaryGroup(liveValues(printer("c", "paused")))).toBe("printing");
    expect(summaryGroup(liveValues(printer("d", "failed")))).toBe("error");
  });

  it("counts a finished printer under the word its card shows", () => {
    expect(summaryGroup(liveValues(printer("e", "finished")))).toBe("finished");
    expect(summaryGroup(liveValues(printer("f", "idle")))).toBe("idle");
  });
});

describe("the dashboard summary", () => {
  it("counts disabled printers in their own tile, never under offline", () => {
    const html = render("de", [
      printer("1", "printing"),
      printer("2", "idle", { online: false }),
      printer("3", "printing", { enabled: false }),
      printer("4", "idle", { enabled: false, online: false }),
    ]);
    expect(tiles(html)).toEqual([
      ["printing", "1"],
      ["idle", "0"],
      ["offline", "1"],
      ["disabled", "2"],
      ["error", "0"],
      ["jobsToday", "3"],
      ["alertsOpen", "1"],
    ]);
    expect(html).toContain(`>${de.summary.disabled}<`);
    expect(html).toContain("xl:grid-cols-7");
  });

  it("shows a finished tile with the card's word only while a printer is finished", () => {
    const html = render("de", [printer("1", "finished"), printer("2", "idle")]);
    expect(tiles(html)).toContainEqual(["finished", "1"]);
    expect(tiles(html)).toContainEqual(["idle", "1"]);
    expect(de.summary.finished).toBe("Fertig");
    expect(html).toContain(`>${de.summary.finished}<`);
  });

  it("keeps its six tiles when no printer is disabled, in English too", () => {
    const html = render("en", [printer("1", "idle"), printer("2", "offline", { online: false })]);
    expect(tiles(html).map(([key]) => key)).toEqual(["printing", "idle", "offline", "error", "jobsToday", "alertsOpen"]);
    expect(html).not.toContain(en.summary.disabled);
    expect(html).toContain("xl:grid-cols-6");
  });
});
