import { forbidden } from "next/navigation";
import { getLocale, getTranslations, setRequestLocale } from "next-intl/server";
import { cache } from "react";
import { redirect } from "@/i18n/navigation";
import { getRequestUser, type RequestUser } from "./current-user";
import { can, type Permission } from "./permissions";
import { isLocalPath } from "./redirect-target";
import { hasAnyUser } from "./users";

/** One user lookup per request, however many layouts and pages ask. */
const currentPageUser = cache(() => getRequestUser());

/** The signed-in user for a server component or server action, or null. */
export function getPageUser(): Promise<RequestUser | null> {
  return currentPageUser();
}

/**
 * The gate for pages and server actions. Without a user it redirects to the locale's
 * login page (to setup while no user exists at all); without the permission it calls
 * Next's `forbidden()`, which renders the forbidden page with status 403.
 * `returnTo` is the path to come back to after signing in.
 */
export async function requirePageUser(permission?: Permission, returnTo?: string): Promise<RequestUser> {
  const user = await currentPageUser();
  if (!user) {
    const locale = await getLocale();
    if (!(await hasAnyUser())) return redirect({ href: "/setup", locale });
    const query = returnTo && isLocalPath(returnTo) ? { callbackUrl: returnTo } : undefined;
    return redirect({ href: { pathname: "/login", query }, locale });
  }
  if (permission && !can(user.role, permission)) forbidden();
  return user;
}

/** The route params every page under app/[locale] receives. */
export interface LocaleParams {
  locale: string;
}

/**
 * The opening every signed-in page shares: the route's locale for static rendering, the
 * gate (`returnTo` is a path without the locale prefix), and the page's messages.
 */
export async function openPage(params: Promise<LocaleParams>, namespace: string, gate: { permission?: Permission; returnTo?: string } = {}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser(gate.permission, gate.returnTo === undefined ? undefined : `/${locale}${gate.returnTo}`);
  const t = await getTranslations(namespace);
  return { locale, user, t };
}

/** A page's `generateMetadata` that titles it with one of its messages. */
export function pageTitle(namespace: string, key = "title") {
  return async ({ params }: { params: Promise<LocaleParams> }) => {
    const { locale } = await params;
    const t = await getTranslations({ locale, namespace });
    return { title: t(key) };
  };
}
