/** Contacts per second over about the last `windowMs` of a run (the whole attempt when shorter). */
export class SyncRate {
  private readonly marks: { at: number; total: number }[] = [];
  private total = 0;

  /** `start` is when this attempt began (ms, performance.now's clock). */
  constructor(
    start: number,
    private readonly windowMs = 60_000,
  ) {
    this.marks.push({ at: start, total: 0 });
  }

  /** Records `count` more contacts at `at`; returns the rate, or null before any time has passed. */
  add(count: number, at: number): number | null {
    this.total += count;
    this.marks.push({ at, total: this.total });
    // Keep one mark at or before the window's start, so the window is always full once the run is.
    while (this.marks.length > 2 && this.marks[1]!.at <= at - this.windowMs) this.marks.shift();
    const from = this.marks[0]!;
    const seconds = (at - from.at) / 1000;
    return seconds > 0 ? (this.total - from.total) / seconds : null;
  }
}
