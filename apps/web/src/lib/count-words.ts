import { formatNumber } from "@marketable/ui/format";

/** A count with its noun, singular for one: "1 contact", "1,355 contacts". */
export function countWords(count: number, noun: string): string {
  return `${formatNumber(count)} ${noun}${count === 1 ? "" : "s"}`;
}
