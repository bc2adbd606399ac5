import type { Db } from "@marketable/db";
import { logger, newRequestId, type Logger } from "@marketable/logger";
import { systemClock, type Clock } from "./clock";

export interface ContextInput {
  db: Db;
  /** From the verified session; null when signed out. Roles are loaded per request. */
  userId: string | null;
  requestId?: string;
  clock?: Clock;
  log?: Logger;
}

export function createTRPCContext(input: ContextInput) {
  const requestId = input.requestId ?? newRequestId();
  return {
    db: input.db,
    userId: input.userId,
    requestId,
    clock: input.clock ?? systemClock,
    log: input.log ?? logger.child({ requestId }),
  };
}

export type Context = ReturnType<typeof createTRPCContext>;
