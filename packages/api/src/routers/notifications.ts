import { listNotifications, markAllNotificationsRead } from "../services/notifications/listNotifications";
import { agencyProcedure, createTRPCRouter } from "../trpc";

export const notificationsRouter = createTRPCRouter({
  /** The bell: the viewer's notices about status requests, and how many are unread. */
  list: agencyProcedure("agency.view").query(({ ctx }) => listNotifications(ctx.db, ctx.access)),
  markAllRead: agencyProcedure("agency.view").mutation(({ ctx }) => markAllNotificationsRead(ctx.db, ctx.access, ctx.clock.now())),
});
