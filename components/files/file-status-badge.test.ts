import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentProps, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import de from "@/messages/de/files.json";
import en from "@/messages/en/files.json";
import { FileStatusBadge } from "./file-status-badge";

function render(locale: "de" | "en", props: Parameters<typeof FileStatusBadge>[0]): string {
  const messages = { files: locale === "de" ? de : en };
  const provider = NextIntlClientProvider as ComponentType<Omit<ComponentProps<typeof NextIntlClientProvider>, "children">>;
  return renderToStaticMarkup(createElement(provider, { locale, messages, timeZone: "Europe/Berlin" }, createElement(FileStatusBadge, props)));
}

describe("FileStatusBadge", () => {
  it("shows a waiting download as queued, not as loading", () => {
    expect(render("de", { status: "downloading", queued: true })).toMatch(/data-status="queued"[^>]*>.*Wartet<\/span>$/);
    expect(render("en", { status: "downloading", queued: true })).toMatch(/data-status="queued"[^>]*>.*Queued<\/span>$/);
    expect(render("de", { status: "downloading" })).toMatch(/data-status="downloading"[^>]*>.*Lädt …<\/span>$/);
  });

  it("ignores queued for a file that is not being downloaded", () => {
    expect(render("de", { status: "failed", queued: true })).toMatch(/data-status="failed"[^>]*>.*Fehlgeschlagen<\/span>$/);
  });
});
