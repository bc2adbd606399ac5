import { createHash, randomBytes } from "node:crypto";

import { and, eq, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";

import {
  agencies,
  agencyMemberships,
  hashPassword,
  invitations,
  portalGrants,
  portals,
  users,
  verifyPassword,
  writeAudit,
  type Access,
  type Db,
} from "@marketable/db";

import { notFound, rejected } from "../../errors";
import type { acceptInvitationInput, inviteInput } from "../../validation/members";
import { assertMayTouchOwnerRole } from "./memberRules";

/** How long an invite link stays valid. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates an invite link. The token is returned once (to show as a link) and only its hash is
 * stored, so a database leak reveals no usable link.
 */
export async function inviteMember(db: Db, access: Access, input: z.output<typeof inviteInput>, meta: { requestId?: string; now: Date }) {
  assertMayTouchOwnerRole(access, input.role);
  return db.transaction(async (tx) => {
    const portalIds = [...new Set(input.grants.map((g) => g.portalId))];
    if (portalIds.length > 0) {
      const found = await tx
        .select({ id: portals.id })
        .from(portals)
        .where(and(eq(portals.agencyId, access.agency.id), inArray(portals.id, portalIds), isNull(portals.archivedAt)));
      if (found.length !== portalIds.length) throw notFound("Portal not found");
    }
    const [existing] = await tx
      .select({ userId: agencyMemberships.userId })
      .from(agencyMemberships)
      .innerJoin(users, eq(users.id, agencyMemberships.userId))
      .where(and(eq(agencyMemberships.agencyId, access.agency.id), eq(users.email, input.email)));
    if (existing) throw rejected(`${input.email} is already a member of this agency`);

    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(meta.now.getTime() + INVITATION_TTL_MS);
    const [invitation] = await tx
      .insert(invitations)
      .values({
        agencyId: access.agency.id,
        email: input.email,
        role: input.role,
        grants: input.grants,
        tokenHash: hashInvitationToken(token),
        invitedBy: access.user.id,
        expiresAt,
      })
      .returning();
    await writeAudit(tx, {
      agencyId: access.agency.id,
      actor: access.user,
      action: "member.invite",
      targetType: "invitation",
      targetId: invitation!.id,
      after: { email: input.email, role: input.role, grants: input.grants },
      requestId: meta.requestId,
    });
    return { id: invitation!.id, token, path: `/invite/${token}`, expiresAt };
  });
}

export async function revokeInvitation(db: Db, access: Access, input: { invitationId: string }, meta: { requestId?: string; now: Date }) {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: meta.now })
      .where(
        and(
          eq(invitations.id, input.invitationId),
          eq(invitations.agencyId, access.agency.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning();
    if (revoked.length === 0) throw notFound("Invitation not found");
    await writeAudit(tx, {
      agencyId: access.agency.id,
      actor: access.user,
      action: "member.revokeInvitation",
      targetType: "invitation",
      targetId: input.invitationId,
      before: { email: revoked[0]!.email },
      requestId: meta.requestId,
    });
    return { id: input.invitationId, revoked: true as const };
  });
}

export type InvitationState = "valid" | "expired" | "used" | "revoked" | "unknown";

/** What an invite link shows before sign-up; reveals the agency name only for a live link. */
export async function lookupInvitation(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({ invitation: invitations, agencyName: agencies.name })
    .from(invitations)
    .innerJoin(agencies, eq(agencies.id, invitations.agencyId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)));
  if (!row) return { state: "unknown" as InvitationState };
  const { invitation } = row;
  const state: InvitationState = invitation.revokedAt
    ? "revoked"
    : invitation.acceptedAt
      ? "used"
      : invitation.expiresAt.getTime() <= now.getTime()
        ? "expired"
        : "valid";
  if (state !== "valid") return { state };
  const [existingUser] = await db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
  return { state, email: invitation.email, agencyName: row.agencyName, role: invitation.role, hasAccount: Boolean(existingUser) };
}

export const invitationMessages: Record<Exclude<InvitationState, "valid">, string> = {
  unknown: "This invite link is not valid. Check that you copied all of it.",
  expired: "This invite has expired. Ask whoever invited you for a new link.",
  used: "This invite has already been used. Sign in instead.",
  revoked: "This invite was withdrawn. Ask whoever invited you for a new link.",
};

/**
 * Signs up (or, for an existing account, joins) through an invite link: membership, portal
 * grants and the audit entry in one transaction. Errors are plain sentences for the form.
 */
export async function acceptInvitation(db: Db, input: z.output<typeof acceptInvitationInput>, now: Date) {
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashInvitationToken(input.token)));
    if (!invitation) throw rejected(invitationMessages.unknown);
    if (invitation.revokedAt) throw rejected(invitationMessages.revoked);
    if (invitation.acceptedAt) throw rejected(invitationMessages.used);
    if (invitation.expiresAt.getTime() <= now.getTime()) throw rejected(invitationMessages.expired);

    let [user] = await tx.select().from(users).where(eq(users.email, invitation.email));
    if (user) {
      // An existing account joins only with its own password: the link alone is not enough.
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.password))) {
        throw rejected("An account with this email exists: enter its password to join");
      }
    } else {
      [user] = await tx
        .insert(users)
        .values({ email: invitation.email, name: input.name, passwordHash: await hashPassword(input.password) })
        .returning();
    }
    await tx
      .insert(agencyMemberships)
      .values({ agencyId: invitation.agencyId, userId: user!.id, role: invitation.role })
      .onConflictDoNothing();
    for (const grant of invitation.grants) {
      await tx
        .insert(portalGrants)
        .values({ agencyId: invitation.agencyId, userId: user!.id, portalId: grant.portalId, role: grant.role })
        .onConflictDoNothing();
    }
    await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, invitation.id));
    await tx.update(users).set({ currentAgencyId: invitation.agencyId }).where(eq(users.id, user!.id));
    await writeAudit(tx, {
      agencyId: invitation.agencyId,
      actor: { id: user!.id, email: user!.email },
      action: "member.join",
      targetType: "invitation",
      targetId: invitation.id,
      after: { role: invitation.role, grants: invitation.grants },
    });
    return { userId: user!.id, email: user!.email, agencyId: invitation.agencyId };
  });
}
