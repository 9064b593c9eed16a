/**
 * The anchor of a heading, as GitHub makes it: lower case, punctuation dropped (letters,
 * digits, `_` and `-` stay), spaces become `-`. The help pages give headings the same ids,
 * so `page.md#anchor` links work on GitHub and in the app alike.
 */
export function headingSlug(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The visible text of a heading's Markdown source: code spans, emphasis and link targets dropped. */
export function headingText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*]/g, "")
    .trim();
}
