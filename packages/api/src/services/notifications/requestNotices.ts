import { and, eq } from "drizzle-orm";

import {
  agencyMemberships,
  notifications,
  portalGrants,
  portals,
  statusRequests,
  users,
  type DbOrTx,
  type StatusRequest,
} from "@marketable/db";
import { can, type PortalRole } from "@marketable/permissions";

/** What happened to a request, as people are told about it (in the app, by email, to the webhook). */
export const requestNoticeKinds = ["approval_needed", "approved", "rejected", "finished", "failed", "expired"] as const;
export type RequestNoticeKind = (typeof requestNoticeKinds)[number];

const n = (value: number) => value.toLocaleString("en-US");
const what = (r: StatusRequest) => `${r.target === "marketing" ? "marketing" : "non-marketing"} for ${n(r.changeCount)} contacts`;

/** The sentence of a notice, the same in the bell, the email and the webhook. */
export function noticeMessage(kind: RequestNoticeKind, request: StatusRequest, portalName: string): string {
  switch (kind) {
    case "approval_needed":
      return `${portalName}: ${what(request)} waits for your approval (requested by ${request.requestedByEmail})`;
    case "approved":
      return `${portalName}: your request (${what(request)}) was approved by ${request.decidedByEmail ?? "an approver"} and runs now`;
    case "rejected":
      return `${portalName}: your request (${what(request)}) was rejected by ${request.decidedByEmail ?? "an approver"}: ${request.decisionNote ?? ""}`;
    case "finished":
      return `${portalName}: your request (${what(request)}) finished: ${n(request.succeeded)} changed, ${n(request.failed)} failed`;
    case "failed":
      return `${portalName}: your request (${what(request)}) failed${request.lastError ? `: ${request.lastError}` : ""}`;
    case "expired":
      return `${portalName}: your request (${what(request)}) expired: nobody decided before the approval window closed`;
  }
}

/** Members of the agency who may approve requests of this portal (roles as of now). */
async function approvers(tx: DbOrTx, agencyId: string, portalId: string): Promise<string[]> {
  const [members, grants] = await Promise.all([
    tx
      .select({ userId: agencyMemberships.userId, role: agencyMemberships.role })
      .from(agencyMemberships)
      .where(eq(agencyMemberships.agencyId, agencyId)),
    tx
      .select({ userId: portalGrants.userId, portalId: portalGrants.portalId, role: portalGrants.role })
      .from(portalGrants)
      .where(eq(portalGrants.agencyId, agencyId)),
  ]);
  return members
    .filter((m) => {
      const portalRoles = new Map<string, PortalRole>(grants.filter((g) => g.userId === m.userId).map((g) => [g.portalId, g.role]));
      return can({ agencyRole: m.role, portalRoles }, "marketingStatus.approve", portalId);
    })
    .map((m) => m.userId);
}

/**
 * Writes the in-app notices of one step of a request, in that step's transaction: "approval
 * needed" to everyone who may approve it but its requester; the rest to the requester (while
 * still a member of the agency). Returns how many were written.
 */
export async function recordRequestNotice(tx: DbOrTx, requestId: string, kind: RequestNoticeKind, at: Date): Promise<number> {
  const [row] = await tx
    .select({ request: statusRequests, portalName: portals.name })
    .from(statusRequests)
    .innerJoin(portals, eq(portals.id, statusRequests.portalId))
    .where(eq(statusRequests.id, requestId));
  if (!row) return 0;
  const { request, portalName } = row;
  let recipients: string[];
  if (kind === "approval_needed") {
    recipients = (await approvers(tx, request.agencyId, request.portalId)).filter((id) => id !== request.requestedBy);
  } else {
    const [member] = await tx
      .select({ userId: agencyMemberships.userId })
      .from(agencyMemberships)
      .innerJoin(users, eq(users.id, agencyMemberships.userId))
      .where(and(eq(agencyMemberships.userId, request.requestedBy), eq(agencyMemberships.agencyId, request.agencyId)));
    recipients = member ? [member.userId] : [];
  }
  if (recipients.length === 0) return 0;
  const message = noticeMessage(kind, request, portalName);
  await tx.insert(notifications).values(
    recipients.map((userId) => ({
      agencyId: request.agencyId,
      userId,
      portalId: request.portalId,
      requestId,
      kind,
      message,
      createdAt: at,
    })),
  );
  return recipients.length;
}
