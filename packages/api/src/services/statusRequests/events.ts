import { statusRequestEvents, type DbOrTx } from "@marketable/db";

/** One line of a request's history. Written in the transaction of the step it describes. */
export async function recordEvent(
  tx: DbOrTx,
  requestId: string,
  event: { kind: string; message: string; actorEmail?: string | null; detail?: unknown },
  at: Date,
): Promise<void> {
  await tx.insert(statusRequestEvents).values({
    requestId,
    kind: event.kind,
    message: event.message,
    actorEmail: event.actorEmail ?? null,
    detail: event.detail ?? null,
    at,
  });
}
