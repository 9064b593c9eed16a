"use client";

import { useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";
import type { Permission } from "@/lib/auth/permissions";
import { useOpenAlerts } from "@/lib/client/use-alerts";
import { Icon, type IconName } from "./icons";

/** Each entry with the permission its page asks for (the page itself answers forbidden too). */
const items: readonly { href: string; key: string; icon: IconName; permission?: Permission }[] = [
  { href: "/", key: "dashboard", icon: "dashboard" },
  { href: "/printers", key: "printers", icon: "printer", permission: "printers:read" },
  { href: "/queue", key: "queue", icon: "queue", permission: "queue:read" },
  { href: "/jobs", key: "jobs", icon: "jobs", permission: "jobs:read" },
  { href: "/alerts", key: "alerts", icon: "alerts", permission: "alerts:read" },
  { href: "/files", key: "files", icon: "files", permission: "files:read" },
  { href: "/materials", key: "materials", icon: "list", permission: "materials:read" },
  { href: "/reports", key: "reports", icon: "reports", permission: "business:read" },
  { href: "/quotes", key: "quotes", icon: "quote", permission: "quotes:manage" },
  { href: "/settings", key: "settings", icon: "settings" },
  { href: "/help", key: "help", icon: "help" },
];

/** The main navigation's links, those the role may use: a column in the sidebar and in the phone's menu. */
export function NavLinks({ permissions }: { permissions: readonly Permission[] }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const { unacknowledged } = useOpenAlerts();
  return (
    <ul className="flex flex-col gap-0.5">
      {items.filter((item) => !item.permission || permissions.includes(item.permission)).map((item) => {
        const current = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <li key={item.key}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              data-testid={`nav-${item.key}`}
              className={`flex items-center gap-2 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${
                current
                  ? "bg-brand-600 text-white"
                  : "text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"
              }`}
            >
              <Icon name={item.icon} />
              {t(item.key)}
              {item.key === "alerts" && unacknowledged > 0 ? (
                <span
                  data-testid="nav-alerts-badge"
                  className="ml-auto rounded-full bg-red-600 px-1.5 text-xs font-bold tabular-nums text-white"
                >
                  <span aria-hidden="true">{unacknowledged}</span>
                  <span className="sr-only">{t("openAlerts", { count: unacknowledged })}</span>
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
