import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { docsRoot } from "./pages";

/** A link target with a scheme (https:, mailto:) leaves the manuals. */
export function isExternal(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href);
}

/**
 * Where a relative Markdown link of a page leads inside the app: `../printers/bambu-a1.md#ports`
 * on page `guide/day` becomes `/help/printers/bambu-a1#ports` (the locale is added by the
 * app's Link). Null for links that leave docs/<locale>/ or name no Markdown file.
 */
export function helpHref(pagePath: string, href: string): string | null {
  if (isExternal(href) || href.startsWith("#")) return href;
  const [target, hash] = href.split("#", 2);
  if (!target.endsWith(".md")) return null;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(pagePath), target));
  if (resolved.startsWith("..")) return null;
  const page = resolved.replace(/\.md$/, "").replace(/(^|\/)index$/, "");
  return `/help${page ? `/${page}` : ""}${hash ? `#${hash}` : ""}`;
}

const imageTypes: Record<string, string> = { ".png": "image/png", ".jpg": "image/jpeg", ".svg": "image/svg+xml" };

/**
 * An image of a page, inlined as a data: URL (the page's Content-Security-Policy allows
 * data: images, and no route has to serve files). Only images inside docs/images.
 */
export function imageDataUrl(locale: string, pagePath: string, src: string): string | null {
  if (isExternal(src)) return null;
  const images = path.join(docsRoot(), "images");
  const file = path.resolve(docsRoot(), locale, path.dirname(pagePath), src);
  const type = imageTypes[path.extname(file)];
  if (!type || !file.startsWith(`${images}${path.sep}`) || !existsSync(file)) return null;
  return `data:${type};base64,${readFileSync(file).toString("base64")}`;
}
