import { rmSync } from "node:fs";

import { saveSnapshot } from "./snapshot";
import { type SandboxState } from "./state/sandboxState";

export interface SnapshotKeeperOptions {
  /** Save this long after the last change (default 2 s): a burst of changes makes one save. */
  debounceMs?: number;
  /** …but no later than this after the first unsaved change (default 30 s), so steady traffic still saves. */
  maxDelayMs?: number;
  /** A failed background save (disk full, …): the previous snapshot stays; the next change retries. */
  onError?: (error: unknown) => void;
}

/**
 * Keeps a snapshot file current, so a crash loses seconds rather than the session: changes are
 * counted (`markChanged`), a debounced save follows them, saves never overlap, and `close` waits
 * for a running save and writes the last changes. Every save writes a temporary file and renames
 * it over the previous snapshot (`saveSnapshot`), so the file on disk is always a complete one.
 */
export class SnapshotKeeper {
  private readonly debounceMs: number;
  private readonly maxDelayMs: number;
  private readonly onError: (error: unknown) => void;
  /** Bumped by every change; a save records the version it started from. */
  private version = 0;
  private savedVersion = 0;
  private firstUnsavedAt = 0;
  private lastChangeAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    readonly path: string,
    private readonly state: () => SandboxState,
    options: SnapshotKeeperOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 2_000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.onError = options.onError ?? ((error) => console.error("sandbox snapshot save failed", error));
    // A save cut off by a crash leaves its temporary file; the snapshot beside it is intact.
    rmSync(`${path}.tmp`, { force: true });
  }

  get dirty(): boolean {
    return this.version !== this.savedVersion;
  }

  /** Cheap enough to call per contact change: it only arms a timer when none is armed. */
  markChanged(): void {
    this.version++;
    this.lastChangeAt = Date.now();
    if (this.firstUnsavedAt === 0) this.firstUnsavedAt = this.lastChangeAt;
    if (!this.timer && !this.closed) this.arm(this.debounceMs);
  }

  /** Saves now (after any save under way), changed or not. */
  save(): Promise<void> {
    this.running = this.running.catch(() => undefined).then(() => this.write());
    return this.running;
  }

  /** Stops the timer, waits for a running save and saves what changed since. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    this.disarm();
    await this.running.catch(() => undefined);
    if (this.dirty) await this.save();
  }

  private async write(): Promise<void> {
    const version = this.version;
    await saveSnapshot(this.path, this.state());
    this.savedVersion = version;
    // Changes made while the file was written are in the next save.
    this.firstUnsavedAt = this.dirty ? this.lastChangeAt : 0;
    if (this.dirty && !this.closed && !this.timer) this.arm(this.debounceMs);
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.onTimer(), ms);
    // The server keeps the process alive, not a pending save.
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private onTimer(): void {
    this.timer = null;
    if (this.closed || !this.dirty) return;
    const now = Date.now();
    const quietFor = now - this.lastChangeAt;
    const waitedFor = now - this.firstUnsavedAt;
    if (quietFor < this.debounceMs && waitedFor < this.maxDelayMs) {
      this.arm(Math.min(this.debounceMs - quietFor, this.maxDelayMs - waitedFor));
      return;
    }
    this.save().catch(this.onError);
  }
}
