import { routing } from "@/i18n/routing";

/** Where to go after signing in: a path on this site, in the user's preferred language. */
export function afterLoginTarget(callbackUrl: string | null, currentLocale: string, preferredLocale?: string | null): string {
  const safe = (callbackUrl && localPathOf(callbackUrl)) ?? `/${currentLocale}`;
  const locale = routing.locales.find((l) => l === preferredLocale);
  if (!locale) return safe;
  return safe.replace(/^\/(de|en)(?=\/|\?|#|$)/, `/${locale}`);
}

// Browsers drop tabs and newlines inside URLs and read `\` as `/`, so "/\t/evil" and
// "/\evil" both become "//evil": another site. Such characters are refused outright.
const unsafeCharacters = /[\u0000-\u001f\u007f\\]/;
const probeOrigin = "http://printernizer.invalid";

/**
 * The same-origin path a redirect may go to, or null. The path is parsed the way a browser
 * would resolve it against our origin; anything that lands elsewhere is refused.
 */
export function localPathOf(path: string): string | null {
  if (!path.startsWith("/") || unsafeCharacters.test(path)) return null;
  let url: URL;
  try {
    url = new URL(path, probeOrigin);
  } catch {
    return null;
  }
  if (url.origin !== probeOrigin) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A path on this site: not `//host`, `/\host` or a path with control characters. */
export function isLocalPath(path: string): boolean {
  return localPathOf(path) !== null;
}
