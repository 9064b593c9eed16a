"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Icon } from "./icons";

/**
 * The phone's navigation: one button in the header opens the full menu below it.
 * Escape or following a link closes it; focus moves into the menu on opening and back
 * to the button on closing, so a keyboard user never loses their place.
 */
export function MobileMenu({ children }: { children: React.ReactNode }) {
  const t = useTranslations("common");
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>("a, button, select")?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="md:hidden">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        data-testid="menu-button"
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        <Icon name={open ? "cross" : "list"} />
        {open ? t("closeMenu") : t("menu")}
      </button>
      {open ? (
        <div
          ref={panel}
          id={id}
          data-testid="mobile-menu"
          onClick={(event) => {
            if ((event.target as Element).closest("a")) setOpen(false);
          }}
          className="absolute inset-x-0 top-full z-40 max-h-[calc(100vh-3.5rem)] overflow-y-auto border-b border-slate-200 bg-white px-2 py-3 shadow-lg dark:border-slate-800 dark:bg-slate-900"
        >
          {children}
        </div>
      ) : null}
    </div>
  );
}
