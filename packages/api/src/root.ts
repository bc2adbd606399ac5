import { agencyRouter } from "./routers/agency";
import { auditRouter } from "./routers/audit";
import { connectionsRouter } from "./routers/connections";
import { integrationsRouter } from "./routers/integrations";
import { membersRouter } from "./routers/members";
import { portalsRouter } from "./routers/portals";
import { contactsRouter } from "./routers/contacts";
import { statusRequestsRouter } from "./routers/statusRequests";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  agency: agencyRouter,
  portals: portalsRouter,
  members: membersRouter,
  audit: auditRouter,
  integrations: integrationsRouter,
  connections: connectionsRouter,
  contacts: contactsRouter,
  statusRequests: statusRequestsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
