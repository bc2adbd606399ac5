import { randomBytes } from "node:crypto";

import { eq } from "drizzle-orm";
import type { z } from "zod";

import { agencies, invitations, writeAudit, type Db } from "@marketable/db";

import type { createOwnerInput } from "../../validation/account";
import { hashInvitationToken, INVITATION_TTL_MS } from "./invitations";

export class CreateOwnerError extends Error {}

function slugFromName(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "agency"
  );
}

/**
 * The first owner of a new agency (`admin create-owner`): the agency and an owner invitation in
 * one transaction. The invitation is the ordinary invite link, so the owner chooses their own name
 * and password on the invite page and no password ever passes through a command line.
 */
export async function createAgencyWithOwner(db: Db, input: z.output<typeof createOwnerInput>, now: Date) {
  const slug = input.slug ?? slugFromName(input.agency);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.slug, slug));
    if (taken) throw new CreateOwnerError(`An agency with the slug "${slug}" already exists: choose another with --slug`);
    const [agency] = await tx.insert(agencies).values({ name: input.agency, slug }).returning();
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const [invitation] = await tx
      .insert(invitations)
      .values({
        agencyId: agency!.id,
        email: input.email,
        role: "owner",
        grants: [],
        tokenHash: hashInvitationToken(token),
        invitedBy: null,
        expiresAt,
      })
      .returning();
    await writeAudit(tx, {
      agencyId: agency!.id,
      action: "member.invite",
      targetType: "invitation",
      targetId: invitation!.id,
      after: { email: input.email, role: "owner", grants: [], by: "admin create-owner" },
    });
    return { agency: { id: agency!.id, name: agency!.name, slug }, path: `/invite/${token}`, expiresAt };
  });
}
