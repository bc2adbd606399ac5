import { agencyRouter } from "./routers/agency";
import { alertsRouter } from "./routers/alerts";
import { auditRouter } from "./routers/audit";
import { billingRouter } from "./routers/billing";
import { connectionsRouter } from "./routers/connections";
import { contactsRouter } from "./routers/contacts";
import { integrationsRouter } from "./routers/integrations";
import { membersRouter } from "./routers/members";
import { notificationsRouter } from "./routers/notifications";
import { onboardingRouter } from "./routers/onboarding";
import { portalsRouter } from "./routers/portals";
import { statusRequestsRouter } from "./routers/statusRequests";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  agency: agencyRouter,
  portals: portalsRouter,
  members: membersRouter,
  audit: auditRouter,
  integrations: integrationsRouter,
  connections: connectionsRouter,
  onboarding: onboardingRouter,
  billing: billingRouter,
  contacts: contactsRouter,
  statusRequests: statusRequestsRouter,
  alerts: alertsRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
