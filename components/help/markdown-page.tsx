import ReactMarkdown, { type Components, type ExtraProps } from "react-markdown";
import remarkGfm from "remark-gfm";
import { Link } from "@/i18n/navigation";
import { helpHref, imageDataUrl, isExternal } from "@/lib/docs/links";
import { headingSlug } from "@/lib/docs/slug";

type Element = NonNullable<ExtraProps["node"]>;

function textOf(node: Element | Element["children"][number]): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

/**
 * One manual page, rendered on the server from its Markdown. Raw HTML in the Markdown is
 * not rendered (react-markdown's default), headings get the ids GitHub gives them, links
 * between pages become app links and images are inlined from docs/images.
 */
export function MarkdownPage({ markdown, locale, pagePath }: { markdown: string; locale: string; pagePath: string }) {
  const heading = (Tag: "h2" | "h3", className: string): Components["h2"] =>
    function Heading({ node, children }) {
      return (
        <Tag id={node ? headingSlug(textOf(node)) : undefined} className={`scroll-mt-4 ${className}`}>
          {children}
        </Tag>
      );
    };
  const components: Components = {
    h1: ({ children }) => <h1 className="mb-4 text-2xl font-semibold tracking-tight">{children}</h1>,
    h2: heading("h2", "mb-3 mt-8 border-b border-slate-200 pb-1 text-xl font-semibold dark:border-slate-800"),
    h3: heading("h3", "mb-2 mt-6 text-lg font-semibold"),
    h4: ({ children }) => <h4 className="mb-2 mt-4 font-semibold">{children}</h4>,
    p: ({ children }) => <p className="my-3 leading-relaxed">{children}</p>,
    ul: ({ children }) => <ul className="my-3 list-disc space-y-1 pl-6">{children}</ul>,
    ol: ({ children }) => <ol className="my-3 list-decimal space-y-1 pl-6">{children}</ol>,
    blockquote: ({ children }) => (
      <blockquote className="my-3 border-l-4 border-brand-600 bg-slate-50 px-4 py-1 text-slate-700 dark:bg-slate-900 dark:text-slate-300">{children}</blockquote>
    ),
    // Wide code and tables scroll sideways; focusable, so a keyboard can scroll them too.
    pre: ({ children }) => (
      <pre tabIndex={0} className="my-3 overflow-x-auto rounded-md bg-slate-900 p-3 text-sm text-slate-100">
        {children}
      </pre>
    ),
    code: ({ children, className }) => <code className={className ?? "rounded bg-slate-100 px-1 py-0.5 text-[0.9em] dark:bg-slate-800"}>{children}</code>,
    table: ({ children }) => (
      <div tabIndex={0} className="my-3 overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">{children}</table>
      </div>
    ),
    th: ({ children }) => <th className="border border-slate-300 bg-slate-100 px-2 py-1 text-left font-semibold dark:border-slate-700 dark:bg-slate-800">{children}</th>,
    td: ({ children }) => <td className="border border-slate-300 px-2 py-1 align-top dark:border-slate-700">{children}</td>,
    a: ({ href, children }) => {
      const target = href ? helpHref(pagePath, href) : null;
      const className = "text-brand-700 underline underline-offset-2 dark:text-brand-100";
      if (target === null || href === undefined) return <span>{children}</span>;
      if (isExternal(target)) {
        return (
          <a href={target} className={className} rel="noopener noreferrer">
            {children}
          </a>
        );
      }
      if (target.startsWith("#")) return <a href={target} className={className}>{children}</a>;
      return <Link href={target} className={className}>{children}</Link>;
    },
    // GFM task lists are checklists to read, not form fields: a box drawn as text.
    input: ({ checked }) => <span aria-hidden="true">{checked ? "☑ " : "☐ "}</span>,
    li: ({ children, className }) => <li className={className === "task-list-item" ? "list-none -ml-5" : undefined}>{children}</li>,
    img: ({ src, alt }) => {
      const data = typeof src === "string" ? imageDataUrl(locale, pagePath, src) : null;
      // eslint-disable-next-line @next/next/no-img-element -- an inlined data: image; next/image has nothing to optimize
      return data ? <img src={data} alt={alt ?? ""} className="my-3 max-w-full rounded-md border border-slate-200 dark:border-slate-800" /> : <span>{alt}</span>;
    },
  };
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm]} components={components} skipHtml>
      {markdown}
    </ReactMarkdown>
  );
}
