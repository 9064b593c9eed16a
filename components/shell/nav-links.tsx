"use client";

import { useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";

const items = [
  { href: "/", key: "dashboard", icon: "▦" },
  { href: "/printers", key: "printers", icon: "⎙" },
  { href: "/jobs", key: "jobs", icon: "☰" },
  { href: "/files", key: "files", icon: "🗀" },
  { href: "/reports", key: "reports", icon: "∑" },
  { href: "/settings", key: "settings", icon: "⚙" },
] as const;

export function NavLinks() {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <ul className="flex gap-1 overflow-x-auto md:flex-col md:gap-0.5">
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
              <span aria-hidden="true" className="w-4 text-center">
                {item.icon}
              </span>
              {t(item.key)}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
