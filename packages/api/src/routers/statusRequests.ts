import { z } from "zod";

import { agencySettings, writeAudit } from "@marketable/db";

import { createStatusRequest } from "../services/statusRequests/createRequest";
import { approveStatusRequest, expireOverdue, rejectStatusRequest } from "../services/statusRequests/decideRequest";
import { loadGuardrails } from "../services/statusRequests/guardrails";
import { approvalsInbox } from "../services/statusRequests/inbox";
import { detailForViewer, requestForViewer } from "../services/statusRequests/moneyForViewer";
import { previewSummary } from "../services/statusRequests/previewRequest";
import { getStatusRequest, listStatusRequests, pendingApprovals } from "../services/statusRequests/readRequests";
import { requestContacts, requestContactsCsv, requestPage } from "../services/statusRequests/requestPage";
import { agencyProcedure, createTRPCRouter, portalProcedure } from "../trpc";
import { createStatusRequestInput, guardrailSettingsInput, statusRequestFields } from "../validation/contacts";
import { count, pageNumber, recordId, text } from "../validation/primitives";

const requestRef = z.object({ requestId: recordId("Choose a request") });

export const statusRequestsRouter = createTRPCRouter({
  /** What a request would change and cost, before it is submitted. */
  preview: portalProcedure("marketingStatus.request")
    .input(statusRequestFields)
    .query(({ ctx, input }) => previewSummary(ctx.db, ctx.portal, input, ctx.clock.now())),
  create: portalProcedure("marketingStatus.request")
    .input(createStatusRequestInput)
    .mutation(({ ctx, input }) =>
      createStatusRequest(ctx.db, ctx.access, ctx.portal, input, {
        requestId: ctx.requestId,
        now: ctx.clock.now(),
        scheduler: ctx.scheduler,
      }),
    ),
  list: portalProcedure("contacts.view")
    .input(z.object({ page: pageNumber.default(1), pageSize: count({ min: 1, max: 100, unit: "rows" }).default(20) }))
    .query(async ({ ctx, input }) => {
      await expireOverdue(ctx.db, ctx.portal.id, ctx.clock.now(), ctx.scheduler);
      const page = await listStatusRequests(ctx.db, ctx.portal.id, input);
      return { ...page, items: page.items.map((r) => requestForViewer(ctx.access, r)) };
    }),
  get: portalProcedure("contacts.view")
    .input(requestRef)
    .query(async ({ ctx, input }) => ({
      ...detailForViewer(ctx.access, await getStatusRequest(ctx.db, ctx.portal.id, input.requestId)),
      viewerId: ctx.access.user.id,
    })),
  /** Every request waiting for a decision that the caller may approve, across portals. */
  pendingApprovals: agencyProcedure("agency.view").query(({ ctx }) => pendingApprovals(ctx.db, ctx.access)),
  /** The approvals inbox: requests the caller may decide, across portals, oldest first, with a sample of contacts. */
  inbox: agencyProcedure("agency.view").query(({ ctx }) => approvalsInbox(ctx.db, ctx.access, ctx.clock.now())),
  /**
   * The request page. Whoever sees the portal and may view its contacts or approve its requests
   * reads it (approvers without contacts.view included: they must see what they approve).
   */
  detail: portalProcedure("portal.view")
    .input(requestRef)
    .query(({ ctx, input }) => requestPage(ctx.db, ctx.access, ctx.portal, input.requestId)),
  contacts: portalProcedure("portal.view")
    .input(
      requestRef.extend({
        outcome: z.enum(["pending", "changed", "skipped", "failed"], { message: "Choose pending, changed, skipped or failed" }).optional(),
        page: pageNumber.default(1),
        pageSize: count({ min: 1, max: 200, unit: "rows" }).default(50),
      }),
    )
    .query(({ ctx, input }) => requestContacts(ctx.db, ctx.access, ctx.portal.id, input)),
  contactsCsv: portalProcedure("portal.view")
    .input(requestRef)
    .query(({ ctx, input }) => requestContactsCsv(ctx.db, ctx.access, ctx.portal.id, input.requestId)),
  /** Waiting requests of one portal, for an approver (includes the requester so the UI can refuse self-approval). */
  approvalQueue: portalProcedure("marketingStatus.approve").query(async ({ ctx }) => {
    await expireOverdue(ctx.db, ctx.portal.id, ctx.clock.now(), ctx.scheduler);
    return (await pendingApprovals(ctx.db, ctx.access)).filter((r) => r.portalId === ctx.portal.id);
  }),
  approve: portalProcedure("marketingStatus.approve")
    .input(requestRef.extend({ note: text({ max: 500, tooLong: "Keep the note under 500 characters" }).optional() }))
    .mutation(({ ctx, input }) =>
      approveStatusRequest(ctx.db, ctx.access, ctx.portal.id, input, {
        requestId: ctx.requestId,
        now: ctx.clock.now(),
        scheduler: ctx.scheduler,
      }),
    ),
  reject: portalProcedure("marketingStatus.approve")
    .input(
      requestRef.extend({
        note: text({ min: 3, max: 500, tooShort: "Say why (at least 3 characters)", tooLong: "Keep the note under 500 characters" }),
      }),
    )
    .mutation(({ ctx, input }) =>
      rejectStatusRequest(ctx.db, ctx.access, ctx.portal.id, input, {
        requestId: ctx.requestId,
        now: ctx.clock.now(),
        scheduler: ctx.scheduler,
      }),
    ),
  guardrails: agencyProcedure("agency.view").query(({ ctx }) => loadGuardrails(ctx.db, ctx.access.agency.id)),
  /** The agency's approval thresholds (money people and admins set them). */
  setGuardrails: agencyProcedure("billing.manage")
    .input(guardrailSettingsInput)
    .mutation(async ({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const before = await loadGuardrails(tx, ctx.access.agency.id);
        const values = {
          ...input,
          confirmSharePercent: input.confirmSharePercent ?? before.confirmSharePercent,
          updatedBy: ctx.access.user.id,
          updatedAt: ctx.clock.now(),
        };
        await tx
          .insert(agencySettings)
          .values({ agencyId: ctx.access.agency.id, ...values })
          .onConflictDoUpdate({ target: agencySettings.agencyId, set: values });
        await writeAudit(tx, {
          agencyId: ctx.access.agency.id,
          actor: ctx.access.user,
          action: "settings.guardrails",
          targetType: "agency",
          targetId: ctx.access.agency.id,
          before,
          after: { ...input, confirmSharePercent: values.confirmSharePercent },
          requestId: ctx.requestId,
        });
        return { ...input, confirmSharePercent: values.confirmSharePercent };
      }),
    ),
});
