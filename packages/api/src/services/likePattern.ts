/** Escapes LIKE's wildcards so a search for "50%_off" matches those characters literally. */
export function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, (c) => `\\${c}`);
}
