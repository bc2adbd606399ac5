import { TRPCError } from "@trpc/server";
import { z } from "zod";

import { can } from "@marketable/permissions";

import type { Context } from "../context";
import { rejected } from "../errors";
import { acknowledgeAlert, listAlerts, unacknowledgedCount } from "../services/alerts/listAlerts";
import { recentDeliveries } from "../services/alerts/recentDeliveries";
import { agencyDefaultRules, rulesFor, setAgencyDefaultRules, setPortalRules } from "../services/alerts/rules";
import { setAlertWebhook, webhookOf } from "../services/alerts/webhookSettings";
import { refusedWebhookUrlMessage } from "../services/alerts/webhookTarget";
import { agencyProcedure, createTRPCRouter, portalProcedure } from "../trpc";
import { alertRulesInput, alertWebhookInput } from "../validation/alerts";
import { count, recordId } from "../validation/primitives";

function keyringOf(ctx: Context) {
  if (!ctx.hubspot) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "This server has no encryption keyring configured" });
  return ctx.hubspot.keyring;
}

export const alertsRouter = createTRPCRouter({
  /** Alerts of every portal the caller may see (everyone sees alerts of what they see). */
  list: agencyProcedure("agency.view")
    .input(
      z.object({
        status: z.enum(["open", "all"], { message: "Choose open or all alerts" }).default("open"),
        portalId: recordId("Choose a portal").optional(),
        limit: count({ min: 1, max: 500, unit: "alerts" }).default(200),
      }),
    )
    .query(async ({ ctx, input }) => ({ alerts: await listAlerts(ctx.db, ctx.access, input) })),
  /** The nav badge: open alerts nobody has acknowledged yet. */
  badge: agencyProcedure("agency.view").query(async ({ ctx }) => ({ unacknowledged: await unacknowledgedCount(ctx.db, ctx.access) })),
  acknowledge: portalProcedure("alerts.manage")
    .input(z.object({ alertId: recordId("Choose an alert") }))
    .mutation(({ ctx, input }) =>
      acknowledgeAlert(ctx.db, ctx.access, ctx.portal, input.alertId, { requestId: ctx.requestId, now: ctx.clock.now() }),
    ),
  /** The portal's effective rules, where they come from, and the agency defaults a reset returns to. */
  rules: portalProcedure("portal.view").query(async ({ ctx }) => ({
    portalId: ctx.portal.id,
    ...(await rulesFor(ctx.db, ctx.portal)),
    defaults: await agencyDefaultRules(ctx.db, ctx.portal.agencyId),
    canManage: can(ctx.access.actor, "alerts.manage", ctx.portal.id),
  })),
  /** A portal's own rules, or null to return it to the agency's defaults. */
  setRules: portalProcedure("alerts.manage")
    .input(z.object({ rules: alertRulesInput.nullable() }))
    .mutation(({ ctx, input }) =>
      setPortalRules(ctx.db, ctx.access, ctx.portal, input.rules, { requestId: ctx.requestId, now: ctx.clock.now() }),
    ),
  /**
   * The agency's defaults for portals without rules of their own (built-in: 80/90/100 %, +10 %).
   * Everyone in the agency may read them; `canManage` is agency-wide `alerts.manage`, because a
   * manager's grant covers their portals, not the agency's other ones.
   */
  defaultRules: agencyProcedure("agency.view").query(async ({ ctx }) => ({
    ...(await agencyDefaultRules(ctx.db, ctx.access.agency.id)),
    canManage: can(ctx.access.actor, "alerts.manage"),
  })),
  /** The agency's default rules, or null to return to the built-in ones. */
  setDefaultRules: agencyProcedure("alerts.manage")
    .input(z.object({ rules: alertRulesInput.nullable() }))
    .mutation(({ ctx, input }) =>
      setAgencyDefaultRules(ctx.db, ctx.access, input.rules, { requestId: ctx.requestId, now: ctx.clock.now() }),
    ),
  /** The webhook's settings (never its secret) and its newest deliveries. */
  webhook: agencyProcedure("alerts.manage").query(async ({ ctx }) => ({
    webhook: await webhookOf(ctx.db, ctx.access.agency.id),
    deliveries: await recentDeliveries(ctx.db, ctx.access.agency.id),
  })),
  /**
   * Returns the signing secret only when one is generated (first time, or rotateSecret). A URL
   * whose host is on a private network is refused here, so the owner learns it now rather than
   * from failed deliveries (which check again on every attempt).
   */
  setWebhook: agencyProcedure("alerts.manage")
    .input(z.object({ webhook: alertWebhookInput.nullable() }))
    .mutation(async ({ ctx, input }) => {
      const refused = input.webhook && (await refusedWebhookUrlMessage(input.webhook.url, ctx.webhookPolicy));
      if (refused) throw rejected(refused);
      return setAlertWebhook(ctx.db, ctx.access, keyringOf(ctx), input.webhook, { requestId: ctx.requestId, now: ctx.clock.now() });
    }),
});
