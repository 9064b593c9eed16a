import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentProps, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { bambuModels } from "@/lib/printers/bambu/models";
import { printerKindRegistry } from "@/lib/printers/registry";
import type { PrinterView } from "@/lib/printers/schemas";
import errors from "@/messages/en/errors.json";
import printers from "@/messages/en/printers.json";
import { PrinterForm } from "./printer-form";

// The form only pushes routes after saving; rendering it needs no app router.
vi.mock("@/i18n/navigation", () => ({ useRouter: () => ({ push: () => undefined, refresh: () => undefined }) }));

function render(printer?: PrinterView): string {
  const provider = NextIntlClientProvider as ComponentType<Omit<ComponentProps<typeof NextIntlClientProvider>, "children">>;
  return renderToStaticMarkup(
    createElement(provider, { locale: "en", messages: { printers, errors }, timeZone: "Europe/Berlin" }, createElement(PrinterForm, { printer })),
  );
}

function modelOptions(html: string): string[] {
  const select = /<select[^>]*data-testid="form-model"[^>]*>(.*?)<\/select>/s.exec(html)?.[1] ?? "";
  return [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
}

const view = (kind: PrinterView["kind"], model: string): PrinterView => ({
  id: "p1",
  name: "P",
  kind,
  host: "192.168.1.20",
  model,
  serial: kind === "bambu" ? "01S00A000000001" : null,
  mqttPort: kind === "bambu" ? 8883 : null,
  ftpPort: kind === "bambu" ? 990 : null,
  cameraPort: kind === "bambu" ? 6000 : null,
  httpPort: kind === "prusalink" ? 80 : null,
  tls: kind === "bambu" ? "verify" : null,
  hasCaCert: false,
  location: null,
  enabled: true,
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:00:00.000Z",
  bed: { state: "clear", since: null, reason: null, autoStart: false },
  live: null,
});

describe("PrinterForm", () => {
  it("offers every Bambu model of models.ts, X1 and X1E included", () => {
    const options = modelOptions(render());
    expect(options).toEqual([...printerKindRegistry.bambu.models]);
    for (const model of bambuModels.filter((m) => m !== "unknown")) expect(options).toContain(model);
  });

  it("offers a kind's models and renders the fields its descriptor lists", () => {
    for (const kind of ["bambu", "prusalink"] as const) {
      const html = render(view(kind, "custom model"));
      expect(modelOptions(html)).toEqual([...printerKindRegistry[kind].models, "custom model"]);
      for (const field of printerKindRegistry[kind].form.fields) {
        if (field.control === "caCert") expect(html).not.toContain(`data-testid="${field.testId}"`);
        else expect(html).toContain(`data-testid="${field.testId}"`);
      }
      const other = kind === "bambu" ? printerKindRegistry.prusalink : printerKindRegistry.bambu;
      for (const field of other.form.fields) expect(html).not.toContain(`data-testid="${field.testId}"`);
    }
  });
});
