import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentType, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import de from "@/messages/de/files.json";
import en from "@/messages/en/files.json";
import deErrors from "@/messages/de/errors.json";
import enErrors from "@/messages/en/errors.json";
import { LiveProvider } from "@/components/live/live-provider";
import type { FileView } from "@/lib/files/schemas";
import { FilesTable } from "./files-table";

// next-intl's navigation needs Next's router, which a static render has not got; nothing is navigated here.
vi.mock("@/i18n/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));

function file(id: string, overrides: Partial<FileView> = {}): FileView {
  return {
    id,
    source: "printer",
    name: `${id}.bgcode`,
    type: "bgcode",
    printerId: "p1",
    printerName: "Core One Halle",
    path: `/usb/${id}.bgcode`,
    status: "available",
    printerDisabled: false,
    size: 1_234_567,
    sha256: null,
    modifiedAt: "2026-11-20T08:00:00.000Z",
    localFileId: null,
    thumbnailUrl: null,
    contentUrl: null,
    needsSlicing: false,
    printSeconds: null,
    filamentGrams: null,
    filaments: [],
    download: null,
    ...overrides,
  };
}

function wrap<P>(type: ComponentType<P>, props: Omit<P, "children">, ...children: ReactNode[]): ReactElement {
  return createElement(type as ComponentType<Omit<P, "children">>, props, ...children);
}

function render(locale: "de" | "en", files: FileView[], canManage = true): string {
  const messages = locale === "de" ? { files: de, errors: deErrors } : { files: en, errors: enErrors };
  return renderToStaticMarkup(
    wrap(
      NextIntlClientProvider,
      { locale, messages, timeZone: "Europe/Berlin" },
      wrap(LiveProvider, { initialEventId: 0 }, createElement(FilesTable, { files, canManage, canDownload: true })),
    ),
  );
}

/** The markup of one row, from its <tr> to its </tr>. */
function row(html: string, id: string): string {
  return new RegExp(`<tr[^>]*data-file-id="${id}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? "";
}

/** The size cell's content after its opening tag. */
function sizeCell(rowHtml: string): string {
  return /data-testid="file-size"(>[\s\S]*?<\/td>)/.exec(rowHtml)?.[1] ?? "";
}

function downloadButton(rowHtml: string): string {
  return /<button[^>]*data-testid="file-download"[^>]*>/.exec(rowHtml)?.[0] ?? "";
}

describe("the files table", () => {
  it("keeps a disabled printer's file available but greys out its download and says why", () => {
    const html = render("de", [file("off", { printerDisabled: true }), file("failed-off", { printerDisabled: true, status: "failed" }), file("on")]);
    for (const id of ["off", "failed-off"]) {
      const tr = row(html, id);
      expect(tr, id).toContain(`>${de.status[id === "off" ? "available" : "failed"]}<`);
      const button = downloadButton(tr);
      expect(button, id).toMatch(/ disabled=""/);
      expect(button, id).toContain(`title="${de.printerDisabled}"`);
      expect(button, id).toContain('aria-describedby="files-printer-disabled-hint"');
      expect(tr, id).not.toContain('type="checkbox"');
    }
    expect(html).toMatch(new RegExp(`<span id="files-printer-disabled-hint" hidden="">${de.printerDisabled}</span>`));
    const enabled = downloadButton(row(html, "on"));
    expect(enabled).not.toMatch(/ disabled=""/);
    expect(enabled).not.toContain("title=");
    expect(row(html, "on")).toContain('type="checkbox"');
  });

  it("has no hint when every printer is enabled, nor for viewers", () => {
    expect(render("de", [file("on")])).not.toContain("files-printer-disabled-hint");
    const viewer = render("de", [file("off", { printerDisabled: true })], false);
    expect(viewer).not.toContain("files-printer-disabled-hint");
    expect(viewer).not.toContain('data-testid="file-download"');
  });

  it("shows an unknown size as a muted word, in either language, and a known one in its units", () => {
    const html = render("de", [file("sized"), file("unsized", { size: null })]);
    expect(sizeCell(row(html, "sized"))).toBe(">1,2 MB</td>");
    expect(sizeCell(row(html, "unsized"))).toMatch(new RegExp(`^><span class="[^"]*text-slate-500[^"]*" data-testid="file-size-unknown">${de.sizeUnknown}</span></td>$`));
    expect(sizeCell(row(render("en", [file("unsized", { size: null })]), "unsized"))).toContain(`>${en.sizeUnknown}<`);
  });

  it("in English, the reason reads in English", () => {
    const html = render("en", [file("off", { printerDisabled: true })]);
    expect(downloadButton(row(html, "off"))).toContain(`title="${en.printerDisabled}"`);
  });
});
