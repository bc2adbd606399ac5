import { z } from "zod";

import { agencyRoles } from "@marketable/permissions";

import { changeMemberRole, grantPortalAccess, removeMember, revokePortalAccess } from "../services/members/changeMembers";
import { inviteMember, revokeInvitation } from "../services/members/invitations";
import { listMembers } from "../services/members/listMembers";
import { agencyProcedure, createTRPCRouter } from "../trpc";
import { grantRole, inviteInput } from "../validation/members";
import { recordId } from "../validation/primitives";

const userId = recordId("Choose a member");

export const membersRouter = createTRPCRouter({
  list: agencyProcedure("members.manage").query(({ ctx }) => listMembers(ctx.db, ctx.access, ctx.clock.now())),
  invite: agencyProcedure("members.manage")
    .input(inviteInput)
    .mutation(({ ctx, input }) => inviteMember(ctx.db, ctx.access, input, { requestId: ctx.requestId, now: ctx.clock.now() })),
  revokeInvitation: agencyProcedure("members.manage")
    .input(z.object({ invitationId: recordId("Choose an invitation") }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.access, input, { requestId: ctx.requestId, now: ctx.clock.now() })),
  changeRole: agencyProcedure("members.manage")
    .input(z.object({ userId, role: z.enum(agencyRoles, { message: "Choose a role" }) }))
    .mutation(({ ctx, input }) => changeMemberRole(ctx.db, ctx.access, input, { requestId: ctx.requestId })),
  grantPortal: agencyProcedure("members.manage")
    .input(z.object({ userId, portalId: recordId("Choose a portal"), role: grantRole }))
    .mutation(({ ctx, input }) => grantPortalAccess(ctx.db, ctx.access, input, { requestId: ctx.requestId })),
  revokePortal: agencyProcedure("members.manage")
    .input(z.object({ userId, portalId: recordId("Choose a portal") }))
    .mutation(({ ctx, input }) => revokePortalAccess(ctx.db, ctx.access, input, { requestId: ctx.requestId })),
  remove: agencyProcedure("members.manage")
    .input(z.object({ userId }))
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.access, input, { requestId: ctx.requestId })),
});
