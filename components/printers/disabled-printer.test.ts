import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentType, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import de from "@/messages/de/printers.json";
import en from "@/messages/en/printers.json";
import type { PrinterView } from "@/lib/printers/schemas";
import { emptyState } from "@/lib/printers/types";
import { LiveProvider } from "@/components/live/live-provider";
import { CameraSnapshot } from "./camera-snapshot";
import { Diagnostics } from "./diagnostics";
import { FleetProvider, SinglePrinterProvider } from "./fleet-provider";
import { PrinterCard } from "./printer-card";
import { PrinterControls } from "./printer-controls";
import { PrinterLiveDetail } from "./printer-live-detail";

// next-intl's navigation needs Next's router, which a static render has not got; a plain link is enough here.
vi.mock("@/i18n/navigation", () => ({
  Link: ({ href, children }: { href: string; children: ReactNode }) => createElement("a", { href }, children),
}));

/** A printer that was printing hot when it was last heard from. */
function printer(enabled: boolean): PrinterView {
  return {
    id: "p1",
    name: "A1 Halle 1",
    kind: "bambu",
    host: "127.0.0.1",
    model: "A1",
    serial: "03919A000000777",
    mqttPort: 8883,
    ftpPort: 990,
    cameraPort: 6000,
    httpPort: null,
    tls: "verify",
    hasCaCert: false,
    location: "Halle 1",
    enabled,
    createdAt: "2026-11-25T10:00:00.000Z",
    updatedAt: "2026-11-25T10:00:00.000Z",
    bed: { state: "clear", since: null, reason: null, autoStart: false },
    live: {
      online: true,
      state: "printing",
      data: {
        ...emptyState(),
        online: true,
        state: "printing",
        nozzle: { current: 218.4, target: 220 },
        bed: { current: 54.6, target: 55 },
        progress: 42,
        jobName: "Halterung",
        lightOn: true,
        filament: [{ id: "ams0-tray0", type: "PETG", color: "#ff0000", active: true, remainingPercent: 80 }],
      },
      lastMessageAt: "2026-11-25T10:05:00.000Z",
      lastError: null,
      reconnects: 0,
      updatedAt: "2026-11-25T10:05:00.000Z",
    },
  };
}

/** createElement with children as arguments, for providers whose props type demands them as a prop. */
function wrap<P>(type: ComponentType<P>, props: Omit<P, "children">, ...children: ReactNode[]): ReactElement {
  return createElement(type as ComponentType<Omit<P, "children">>, props, ...children);
}

function render(locale: "de" | "en", children: ReactNode): string {
  const messages = { printers: locale === "de" ? de : en };
  return renderToStaticMarkup(wrap(NextIntlClientProvider, { locale, messages, timeZone: "Europe/Berlin" }, wrap(LiveProvider, { initialEventId: 0 }, children)));
}

function printerPage(locale: "de" | "en", view: PrinterView): string {
  return render(
    locale,
    wrap(
      SinglePrinterProvider,
      { initial: view, thumbnails: [] },
      createElement(PrinterLiveDetail, { id: view.id, controls: createElement(PrinterControls, { id: view.id }) }),
      createElement(CameraSnapshot, { printerId: view.id }),
      createElement(Diagnostics, { id: view.id }),
    ),
  );
}

function card(locale: "de" | "en", view: PrinterView): string {
  return render(locale, wrap(FleetProvider, { initial: [view] }, createElement(PrinterCard, { id: view.id, alerts: [] })));
}

const lastValues = ["218,4", "54,6", "Halterung", "42", "PETG"];

describe("a disabled printer", () => {
  it("its page says so, shows none of its last values and explains why its controls are off", () => {
    const html = printerPage("de", printer(false));
    expect(html).toContain('data-state="disabled"');
    expect(html).toContain(de.state.disabled);
    expect(html).toContain('data-testid="printer-disabled-notice"');
    expect(html).toContain(de.live.disabledNotice.slice(0, 40));
    for (const value of lastValues) expect(html).not.toContain(value);
    expect(html).not.toContain(de.controls.lightOff);
    expect(html).not.toContain('id="camera-heading"');
    expect(html).toContain(de.diagnostics.disabled);
    for (const control of ["control-pause", "control-resume", "control-stop"]) {
      const button = new RegExp(`<button[^>]*data-testid="${control}"[^>]*>`).exec(html)?.[0] ?? "";
      expect(button, control).toContain("disabled");
      expect(button, control).toContain(`title="${de.controls.disabledHint}"`);
      expect(button, control).toContain('aria-describedby="controls-disabled-hint"');
      expect(button, control).not.toMatch(/bg-brand-600|text-red-700/);
    }
    expect(html).toContain(`id="controls-disabled-hint"`);
  });

  it("its dashboard card shows the disabled badge instead of the last temperatures, in English too", () => {
    const html = card("en", printer(false));
    expect(html).toContain(en.state.disabled);
    expect(html).toContain(en.live.disabledShort);
    for (const value of ["218.4", "54.6", "Halterung", "42", "PETG"]) expect(html).not.toContain(value);
  });

  it("an enabled printer still shows its live values and active controls", () => {
    const page = printerPage("de", printer(true));
    for (const value of lastValues) expect(page).toContain(value);
    expect(page).not.toContain("printer-disabled-notice");
    expect(page).not.toContain(de.controls.disabledHint);
    expect(page).toContain('id="camera-heading"');
    expect(card("de", printer(true))).toContain('data-state="printing"');
  });
});
