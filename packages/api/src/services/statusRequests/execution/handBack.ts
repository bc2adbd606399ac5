/** Thrown at a safe point (the import recorded, nothing half-written) when the worker is stopping. */
export class HandedBack extends Error {}

export function stopIfStopping(signal?: AbortSignal): void {
  if (signal?.aborted) throw new HandedBack("The worker is stopping");
}
