import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AlertToaster } from "@/components/alerts/alert-toaster";
import { LogoutButton } from "@/components/auth/logout-button";
import { LegalFooter } from "@/components/legal/legal-links";
import { ConnectionIndicator } from "@/components/live/connection-indicator";
import { LiveProvider } from "@/components/live/live-provider";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { MobileMenu } from "@/components/shell/mobile-menu";
import { NavLinks } from "@/components/shell/nav-links";
import { requirePageUser } from "@/lib/auth/page";
import { permissionsOf } from "@/lib/auth/permissions";
import { latestEventId } from "@/lib/events/read";

export default async function AppLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ locale: string }>;
}) {
  // Per request (never prerendered), and read before the page's data, so the stream's
  // replay covers whatever the page missed.
  await connection();
  const initialEventId = await latestEventId();
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser();
  const t = await getTranslations("common");
  return (
    <LiveProvider initialEventId={initialEventId}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900"
      >
        {t("skipToContent")}
      </a>
      <div className="flex min-h-screen flex-col md:flex-row">
        <aside className="hidden border-r border-slate-200 bg-white md:block md:w-56 md:shrink-0 dark:border-slate-800 dark:bg-slate-900">
          <p className="px-4 py-5 text-lg font-bold tracking-tight text-brand-700 dark:text-brand-100">
            <span aria-hidden="true">◆ </span>Printernizer
          </p>
          <nav aria-label={t("mainNavigation")} className="px-2 pb-4">
            <NavLinks permissions={permissionsOf(user.role)} />
          </nav>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="relative flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
            <p className="mr-auto whitespace-nowrap text-lg font-bold tracking-tight text-brand-700 md:hidden dark:text-brand-100">
              <span aria-hidden="true">◆ </span>Printernizer
            </p>
            <ConnectionIndicator />
            <div className="hidden items-center gap-3 md:flex">
              <LanguageSwitch />
              <span className="text-sm" data-testid="current-user">
                {user.name} <span className="text-slate-500 dark:text-slate-400">· {t(`roles.${user.role}`)}</span>
              </span>
              <LogoutButton />
            </div>
            <MobileMenu>
              <nav aria-label={t("mainNavigation")}>
                <NavLinks permissions={permissionsOf(user.role)} />
              </nav>
              <div className="mt-3 flex flex-wrap items-center gap-3 border-t border-slate-200 px-3 pt-3 dark:border-slate-800">
                <span className="text-sm">
                  {user.name} <span className="text-slate-500 dark:text-slate-400">· {t(`roles.${user.role}`)}</span>
                </span>
                <LanguageSwitch />
                <LogoutButton />
              </div>
            </MobileMenu>
          </header>
          <main id="main" className="flex-1 px-4 py-6 md:px-8">
            {children}
          </main>
          <footer className="border-t border-slate-200 px-4 py-3 text-xs text-slate-500 md:px-8 dark:border-slate-800 dark:text-slate-400">
            <LegalFooter />
          </footer>
        </div>
      </div>
      <AlertToaster />
    </LiveProvider>
  );
}
