/** Contact counts reach the billing math from the database and from forms: refuse anything but a whole, non-negative number. */
export function assertCount(count: number, what: string): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`${what} must be a non-negative integer, got ${count}`);
}
