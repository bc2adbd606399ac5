import { can } from "@marketable/permissions";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Context } from "../context";
import { acknowledgeAlert, listAlerts, unacknowledgedCount } from "../services/alerts/listAlerts";
import { rulesFor, setPortalRules } from "../services/alerts/rules";
import { setAlertWebhook, webhookOf } from "../services/alerts/webhookSettings";
import { agencyProcedure, createTRPCRouter, portalProcedure } from "../trpc";

const percent = z.int("A threshold is a whole percentage").min(1, "A threshold is at least 1%").max(500, "A threshold is at most 500%");

const rulesInput = z.object({
  thresholds: z.array(percent).min(1, "Keep at least one threshold").max(10, "At most 10 thresholds"),
  spikePct: z.int("The spike is a whole percentage").min(1, "A spike is at least +1%").max(1000, "A spike is at most +1000%"),
  enabled: z.boolean(),
});

/** https anywhere; plain http only to this machine (local receivers and tests). */
const webhookUrl = z
  .url({ message: "Enter the full URL, starting with https://" })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost"));
  }, "The webhook URL must use https:// (http:// only for 127.0.0.1)");

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
        portalId: z.uuid({ message: "Choose a portal" }).optional(),
        limit: z.int().min(1).max(500).default(200),
      }),
    )
    .query(async ({ ctx, input }) => ({
      alerts: await listAlerts(ctx.db, ctx.access, input),
      canManageWebhook: can(ctx.access.actor, "alerts.manage"),
      webhook: can(ctx.access.actor, "alerts.manage") ? await webhookOf(ctx.db, ctx.access.agency.id) : null,
    })),
  /** The nav badge: open alerts nobody has acknowledged yet. */
  badge: agencyProcedure("agency.view").query(async ({ ctx }) => ({ unacknowledged: await unacknowledgedCount(ctx.db, ctx.access) })),
  acknowledge: portalProcedure("alerts.manage")
    .input(z.object({ alertId: z.uuid({ message: "Choose an alert" }) }))
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx.db, ctx.access, ctx.portal, input.alertId, { requestId: ctx.requestId, now: ctx.clock.now() })),
  rules: portalProcedure("portal.view").query(async ({ ctx }) => ({
    portalId: ctx.portal.id,
    ...(await rulesFor(ctx.db, ctx.portal.id)),
    canManage: can(ctx.access.actor, "alerts.manage", ctx.portal.id),
  })),
  /** A portal's own rules, or null to return it to the defaults (80/90/100 %, +10 %). */
  setRules: portalProcedure("alerts.manage")
    .input(z.object({ rules: rulesInput.nullable() }))
    .mutation(({ ctx, input }) => setPortalRules(ctx.db, ctx.access, ctx.portal, input.rules, { requestId: ctx.requestId, now: ctx.clock.now() })),
  /** Returns the signing secret only when one is generated (first time, or rotateSecret). */
  setWebhook: agencyProcedure("alerts.manage")
    .input(z.object({ webhook: z.object({ url: webhookUrl, enabled: z.boolean().default(true), rotateSecret: z.boolean().default(false) }).nullable() }))
    .mutation(({ ctx, input }) => setAlertWebhook(ctx.db, ctx.access, keyringOf(ctx), input.webhook, { requestId: ctx.requestId, now: ctx.clock.now() })),
});
