// Text cut to the room it is shown in.

/** `text` at most `max` characters (a rare character counts as one), cut with … when longer. */
export function clipText(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
