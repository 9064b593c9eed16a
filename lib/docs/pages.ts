import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { headingSlug, headingText } from "./slug";

/** The manuals: plain Markdown under docs/<locale>/, the same file names in every language. */
export const docLocales = ["de", "en"] as const;
export type DocLocale = (typeof docLocales)[number];

export function docsRoot(): string {
  return path.join(process.cwd(), "docs");
}

/** A page's address below /help: lower-case words, so no path can leave docs/. */
export const pageSegmentsSchema = z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/)).max(4);

export interface DocHeading {
  depth: 2 | 3;
  text: string;
  id: string;
}

export interface DocPage {
  /** Path below docs/<locale>/ without ".md", e.g. "printers/bambu-a1" or "index". */
  path: string;
  title: string;
  markdown: string;
  headings: DocHeading[];
}

/** Lines outside fenced code blocks, where headings and links live. */
export function proseLines(markdown: string): string[] {
  let fenced = false;
  return markdown.split("\n").filter((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

export function pageHeadings(markdown: string): DocHeading[] {
  return proseLines(markdown).flatMap((line) => {
    const match = /^(##|###) (.+)$/.exec(line);
    if (!match) return [];
    const text = headingText(match[2]);
    return [{ depth: match[1].length as 2 | 3, text, id: headingSlug(text) }];
  });
}

export function pageTitle(markdown: string): string {
  const line = proseLines(markdown).find((l) => l.startsWith("# "));
  return line ? headingText(line.slice(2)) : "";
}

/** The file of a page address: `a/b` is docs/<locale>/a/b.md, or a/b/index.md for a folder. */
function pageFile(locale: DocLocale, segments: readonly string[]): { file: string; path: string } | null {
  const base = path.join(docsRoot(), locale, ...segments);
  const folderIndex = { file: path.join(base, "index.md"), path: [...segments, "index"].join("/") };
  const candidates = segments.length === 0 ? [folderIndex] : [{ file: `${base}.md`, path: segments.join("/") }, folderIndex];
  return candidates.find((candidate) => existsSync(candidate.file) && statSync(candidate.file).isFile()) ?? null;
}

export function readPage(locale: DocLocale, segments: readonly string[]): DocPage | null {
  const parsed = pageSegmentsSchema.safeParse(segments);
  if (!parsed.success) return null;
  const found = pageFile(locale, parsed.data);
  if (!found) return null;
  const markdown = readFileSync(found.file, "utf8");
  return { path: found.path, title: pageTitle(markdown), markdown, headings: pageHeadings(markdown) };
}

/** Every Markdown file below a folder, as paths relative to it with "/" separators, sorted. */
export function markdownFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return markdownFiles(path.join(dir, entry.name), relative);
      return entry.name.endsWith(".md") ? [relative] : [];
    })
    .sort();
}

/** The targets of a page's Markdown links and images, in the order they appear (code left out). */
export function markdownLinks(markdown: string): { target: string; image: boolean }[] {
  const text = proseLines(markdown).join("\n").replace(/`[^`\n]*`/g, "");
  return [...text.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => ({ target: match[2], image: match[1] === "!" }));
}

export interface DocListEntry {
  path: string;
  title: string;
  /** Nesting in the table of contents: 1 for a page of a folder that has an index page. */
  depth: number;
}

/**
 * The table of contents of a language: the index, then the pages in the order the index
 * links them, then any page it does not link, by path.
 */
export function listPages(locale: DocLocale): DocListEntry[] {
  const root = path.join(docsRoot(), locale);
  const files = markdownFiles(root);
  const linked = markdownLinks(readFileSync(path.join(root, "index.md"), "utf8"))
    .map((link) => path.posix.normalize(link.target.split("#")[0]))
    .filter((target) => files.includes(target));
  const ordered = [...new Set(["index.md", ...linked, ...files])];
  return ordered.map((file) => {
    const folder = path.posix.dirname(file);
    const underIndex = folder !== "." && path.posix.basename(file) !== "index.md" && files.includes(`${folder}/index.md`);
    return { path: file.replace(/\.md$/, ""), title: pageTitle(readFileSync(path.join(root, file), "utf8")), depth: underIndex ? 1 : 0 };
  });
}
