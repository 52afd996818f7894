// Text that people typed, placed in the Markdown of a Tasklist form's text view.

/**
 * `text` as a form's Markdown shows it: the characters Markdown would read as a link, emphasis or
 * markup are escaped, so a file name or a comment prints as typed and never links.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]()<>#!|~]/g, (c) => `\\${c}`);
}
