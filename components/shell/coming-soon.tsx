/** A page whose feature is not built yet says so plainly instead of pretending. */
export function ComingSoon({ title, body }: { title: string; body: string }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center dark:border-slate-700 dark:bg-slate-900">
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mx-auto mt-2 max-w-prose text-sm text-slate-600 dark:text-slate-400">{body}</p>
    </div>
  );
}
