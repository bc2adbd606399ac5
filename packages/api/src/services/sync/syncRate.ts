/**
 * Contacts per second over about the last `windowMs` of a sync attempt, counted from its first
 * committed page: the time before it (connecting, HubSpot's first answer) says nothing about the
 * pace of the rest, and would make the rate too low and the ETA too long for most of the run.
 */
export class SyncRate {
  private readonly marks: { at: number; total: number }[] = [];
  private total = 0;

  constructor(private readonly windowMs = 30_000) {}

  /** Records `count` more contacts committed at `at` (ms); returns the rate, null until two pages are in. */
  add(count: number, at: number): number | null {
    this.total += count;
    this.marks.push({ at, total: this.total });
    // Keep one mark at or before the window's start, so the window is full once the run is longer.
    while (this.marks.length > 2 && this.marks[1]!.at <= at - this.windowMs) this.marks.shift();
    const from = this.marks[0]!;
    const seconds = (at - from.at) / 1000;
    return seconds > 0 ? (this.total - from.total) / seconds : null;
  }
}
