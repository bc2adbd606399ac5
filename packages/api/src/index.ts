export { appRouter, createCaller, type AppRouter } from "./root";
export { createTRPCContext, type Context, type ContextInput } from "./context";
export type { ProcedureMeta } from "./trpc";
export { systemClock, fixedClock, type Clock } from "./clock";
export { loadAccess, type Access } from "./access/loadAccess";
export { writeAudit } from "./services/audit/writeAudit";
export { acceptInvitation, lookupInvitation, invitationMessages, INVITATION_TTL_MS } from "./services/members/invitations";
export type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
