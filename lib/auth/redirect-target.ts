import { routing } from "@/i18n/routing";

/** Where to go after signing in: a path on this site, in the user's preferred language. */
export function afterLoginTarget(callbackUrl: string | null, currentLocale: string, preferredLocale?: string | null): string {
  const safe = callbackUrl && isLocalPath(callbackUrl) ? callbackUrl : `/${currentLocale}`;
  const locale = routing.locales.find((l) => l === preferredLocale);
  if (!locale) return safe;
  return safe.replace(/^\/(de|en)(?=\/|\?|#|$)/, `/${locale}`);
}

/** A path on this site: not `//host` or `/\host`, which browsers treat as other sites. */
export function isLocalPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}
