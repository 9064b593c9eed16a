/** A page's search params as the app router hands them over. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** One search param's value; "" when it is missing or given more than once (a hand-made URL). */
export function searchParam(params: SearchParams, name: string): string {
  const value = params[name];
  return typeof value === "string" ? value : "";
}
