"use client";

import { useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";
import { useOpenAlerts } from "@/lib/client/use-alerts";
import { Icon } from "./icons";

const items = [
  { href: "/", key: "dashboard", icon: "dashboard" },
  { href: "/printers", key: "printers", icon: "printer" },
  { href: "/jobs", key: "jobs", icon: "jobs" },
  { href: "/alerts", key: "alerts", icon: "alerts" },
  { href: "/files", key: "files", icon: "files" },
  { href: "/materials", key: "materials", icon: "list" },
  { href: "/reports", key: "reports", icon: "reports" },
  { href: "/settings", key: "settings", icon: "settings" },
] as const;

/** The main navigation's links: a column in the sidebar and in the phone's menu. */
export function NavLinks() {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const { unacknowledged } = useOpenAlerts();
  return (
    <ul className="flex flex-col gap-0.5">
      {items.map((item) => {
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
