import { LegalLinks } from "@/components/legal/legal-links";
import { LanguageSwitch } from "@/components/shell/language-switch";

/** The centred card the sign-in and setup pages share (they have no app shell). */
export function AuthCard({ title, intro, children }: { title: string; intro: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <p className="text-2xl font-bold tracking-tight text-brand-700 dark:text-brand-100">
            <span aria-hidden="true">◆ </span>Printernizer
          </p>
          <LanguageSwitch />
        </div>
        <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <h1 className="text-xl font-semibold">{title}</h1>
          <p className="mt-1 mb-5 text-sm text-slate-600 dark:text-slate-400">{intro}</p>
          {children}
        </section>
        <LegalLinks className="mt-4 justify-center text-xs text-slate-500 dark:text-slate-400" />
      </div>
    </main>
  );
}
