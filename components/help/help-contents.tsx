import { Link } from "@/i18n/navigation";
import type { DocHeading, DocListEntry } from "@/lib/docs/pages";

function pageHref(path: string): string {
  const page = path.replace(/(^|\/)index$/, "");
  return page ? `/help/${page}` : "/help";
}

/** The manuals' table of contents (every page) and the current page's headings. */
export function HelpContents({
  pages,
  current,
  headings,
  labels,
}: {
  pages: readonly DocListEntry[];
  current: string;
  headings: readonly DocHeading[];
  labels: { manuals: string; onThisPage: string };
}) {
  return (
    <aside className="w-full shrink-0 text-sm lg:sticky lg:top-4 lg:w-64">
      <details className="rounded-md border border-slate-200 bg-white p-3 lg:open:block dark:border-slate-800 dark:bg-slate-900" open>
        <summary className="cursor-pointer font-semibold">{labels.manuals}</summary>
        <nav aria-label={labels.manuals}>
          <ul className="mt-2 space-y-0.5">
            {pages.map((page) => (
              <li key={page.path} className={page.depth > 0 ? "pl-3" : undefined}>
                <Link
                  href={pageHref(page.path)}
                  aria-current={page.path === current ? "page" : undefined}
                  className={`block rounded px-2 py-1 ${page.path === current ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}
                >
                  {page.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </details>
      {headings.length > 0 ? (
        <nav aria-label={labels.onThisPage} className="mt-3 rounded-md border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
          <p className="font-semibold">{labels.onThisPage}</p>
          <ul className="mt-2 space-y-0.5">
            {headings.map((heading) => (
              <li key={heading.id} className={heading.depth === 3 ? "pl-3" : undefined}>
                <a href={`#${heading.id}`} className="block rounded px-2 py-0.5 text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
                  {heading.text}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </aside>
  );
}
