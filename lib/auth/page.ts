import { forbidden } from "next/navigation";
import { getLocale } from "next-intl/server";
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
