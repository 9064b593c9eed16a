import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { errorStatus } from "@/lib/api/errors";
import { permissions } from "@/lib/auth/permissions";
import { tokenScopes } from "@/lib/auth/token-scopes";
import { eventSchemas } from "@/lib/catalog/events";
import { helpHref } from "@/lib/docs/links";
import { docLocales, listPages, markdownFiles, markdownLinks, pageHeadings, pageSegmentsSchema, pageTitle, readPage } from "@/lib/docs/pages";
import { headingSlug } from "@/lib/docs/slug";
import { eventReferencePath, renderEventReference } from "./event-reference";

/**
 * The manuals in docs/ stay true: both languages have the same pages, every link and image
 * resolves, every error code and printer message has a troubleshooting entry, every event
 * type its reference entry (generated, never stale), every token scope and permission is
 * explained. The developers' guide (README) asks whoever adds one to write its entry.
 */
const root = path.resolve(import.meta.dirname, "..", "..");
const docs = path.join(root, "docs");
const read = (relative: string) => readFileSync(path.join(docs, relative), "utf8");
const pagesOf = (locale: string) => markdownFiles(path.join(docs, locale));

function imagesOf(locale: string): string[] {
  const dir = path.join(docs, "images", locale);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Every key of a messages file, dotted ("bambu.failure.auth"). */
function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

const messages = (locale: string, namespace: string): unknown => JSON.parse(readFileSync(path.join(root, "messages", locale, `${namespace}.json`), "utf8"));

/** What the API or the UI can show as an error: the error catalogue, printer messages, download errors, queue reasons and every `*.failure.*` key. */
function errorKeys(): string[] {
  const namespaces = readdirSync(path.join(root, "messages", "en")).map((file) => file.replace(/\.json$/, ""));
  const failureKeys = namespaces
    .filter((namespace) => namespace !== "printerErrors")
    .flatMap((namespace) => keysOf(messages("en", namespace)).filter((key) => key.includes(".failure.")).map((key) => `${namespace}.${key}`));
  const files = keysOf((messages("en", "files") as { errors: unknown }).errors).map((key) => `files.errors.${key}`);
  const queue = messages("en", "queue") as { fit: unknown; failures: unknown };
  const queueReasons = [...keysOf(queue.fit, "queue.fit"), ...keysOf(queue.failures, "queue.failures")];
  return [...new Set([...Object.keys(errorStatus), ...keysOf(messages("en", "errors")), ...keysOf(messages("en", "printerErrors")), ...files, ...failureKeys, ...queueReasons])].sort();
}

interface DocLink {
  page: string;
  target: string;
  image: boolean;
}

function linksOf(locale: string, page: string): DocLink[] {
  return markdownLinks(read(`${locale}/${page}`)).map((link) => ({ page, ...link }));
}

describe("the manuals in docs/", () => {
  it("have the same pages and images in German and English", () => {
    expect(pagesOf("de").length).toBeGreaterThan(10);
    expect(pagesOf("en")).toEqual(pagesOf("de"));
    expect(imagesOf("en")).toEqual(imagesOf("de"));
  });

  it.each(docLocales)("(%s) name every page so the app can show it, with a title and unique headings", (locale) => {
    for (const page of pagesOf(locale)) {
      expect(pageSegmentsSchema.safeParse(page.replace(/\.md$/, "").split("/")).success, page).toBe(true);
      const markdown = read(`${locale}/${page}`);
      expect(pageTitle(markdown), page).not.toBe("");
      const ids = pageHeadings(markdown).map((heading) => heading.id);
      expect(ids, page).toEqual([...new Set(ids)]);
    }
  });

  it.each(docLocales)("(%s) link only to pages, headings and images that exist", (locale) => {
    const broken: string[] = [];
    for (const page of pagesOf(locale)) {
      for (const link of linksOf(locale, page)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link.target)) continue;
        const [target, anchor] = link.target.split("#", 2);
        const file = target === "" ? path.join(docs, locale, page) : path.resolve(path.dirname(path.join(docs, locale, page)), target);
        const inside = file.startsWith(path.join(docs, link.image ? "images" : locale) + path.sep);
        if (!inside || !existsSync(file)) {
          broken.push(`${page}: ${link.target}`);
          continue;
        }
        if (!link.image && helpHref(page.replace(/\.md$/, ""), link.target) === null) broken.push(`${page}: ${link.target} (not a page)`);
        if (anchor && !pageHeadings(readFileSync(file, "utf8")).some((heading) => heading.id === anchor)) broken.push(`${page}: ${link.target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(docLocales)("(%s) explain every error code and printer message in the troubleshooting page", (locale) => {
    const page = read(`${locale}/troubleshooting.md`);
    const keys = errorKeys();
    expect(keys).toEqual(expect.arrayContaining(["printer_busy", "bambu.failure.developerMode", "prusalink.auth", "files.errors.disk_full"]));
    expect(keys.filter((key) => !page.includes(`\`${key}\``))).toEqual([]);
  });

  it.each(docLocales)("(%s) have the live-event reference the event schemas generate (npm run docs:events)", (locale) => {
    const page = readFileSync(path.join(root, eventReferencePath(locale)), "utf8");
    for (const type of Object.keys(eventSchemas)) expect(page).toContain(`### \`${type}\``);
    expect(page, "docs/*/reference/events.md is stale: run npm run docs:events").toBe(renderEventReference(locale));
  });

  it.each(docLocales)("(%s) explain every token scope and permission in the API reference", (locale) => {
    const page = read(`${locale}/reference/api.md`);
    for (const name of [...tokenScopes, ...permissions]) expect(page, name).toContain(`\`${name}\``);
  });
});

describe("pages in the app", () => {
  it("are found by their address, a folder by its index, and nothing outside docs/<locale>", () => {
    expect(readPage("de", [])?.path).toBe("index");
    expect(readPage("en", ["guide"])?.path).toBe("guide/index");
    expect(readPage("en", ["printers", "bambu-a1"])?.title).toBe("Bambu Lab A1");
    expect(readPage("de", ["..", "en", "index"])).toBeNull();
    expect(readPage("de", ["reference", "events.md"])).toBeNull();
    expect(readPage("de", ["no-such-page"])).toBeNull();
    const contents = listPages("en");
    expect(contents.slice(0, 3)).toEqual([
      { path: "index", title: "Printernizer help", depth: 0 },
      { path: "guide/index", title: "A print shop's day in Printernizer", depth: 0 },
      { path: "guide/queue", title: 'The queue and "Bed is clear"', depth: 1 },
    ]);
    expect(contents.map((page) => page.path).sort()).toEqual(markdownFiles(path.join(docs, "en")).map((file) => file.replace(/\.md$/, "")).sort());
  });
});

describe("links between pages in the app", () => {
  it("turn relative Markdown links into help addresses and leave the rest alone", () => {
    expect(helpHref("guide/index", "../printers/bambu-a1.md#ports")).toBe("/help/printers/bambu-a1#ports");
    expect(helpHref("guide/index", "queue.md")).toBe("/help/guide/queue");
    expect(helpHref("printers/bambu-a1", "../index.md")).toBe("/help");
    expect(helpHref("index", "operations/index.md#monitoring")).toBe("/help/operations#monitoring");
    expect(helpHref("index", "#top")).toBe("#top");
    expect(helpHref("index", "https://example.org/a.md")).toBe("https://example.org/a.md");
    expect(helpHref("index", "../README.md")).toBeNull();
    expect(helpHref("index", "images/x.png")).toBeNull();
  });

  it("give headings GitHub's anchors", () => {
    expect(headingSlug("Druckermeldungen: PrusaLink")).toBe("druckermeldungen-prusalink");
    expect(headingSlug("Härtung des Druckernetzes")).toBe("härtung-des-druckernetzes");
    expect(headingSlug("bambu.failure.auth")).toBe("bambufailureauth");
    expect(headingSlug("printer_busy / rate-limit")).toBe("printer_busy--rate-limit");
  });
});
