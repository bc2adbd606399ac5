import { and, asc, count, eq, sql } from "drizzle-orm";

import { savedContactFilters, users, type Db, type DbOrTx } from "@marketable/db";

import { notFound, rejected } from "../../errors";
import type { ContactFilter } from "../../validation/contacts";
import { SAVED_FILTERS_LIMIT } from "../../validation/savedFilters";

/**
 * A person's own named Contacts-page filters on one portal. Every query is keyed on the
 * caller's user id: nobody reads, replaces or deletes another person's filters.
 * No audit entries: a saved filter is a personal view preference that changes no data.
 */
export interface FilterOwner {
  agencyId: string;
  portalId: string;
  userId: string;
}

const mine = (owner: FilterOwner) => and(eq(savedContactFilters.portalId, owner.portalId), eq(savedContactFilters.userId, owner.userId));

const shown = {
  id: savedContactFilters.id,
  name: savedContactFilters.name,
  filter: savedContactFilters.filter,
  updatedAt: savedContactFilters.updatedAt,
};

export function listSavedFilters(db: DbOrTx, owner: FilterOwner) {
  return db.select(shown).from(savedContactFilters).where(mine(owner)).orderBy(asc(savedContactFilters.name));
}

/** Saves `filter` under `name`, replacing the person's filter of that name; a new name counts toward the limit. */
export async function saveFilter(db: Db, owner: FilterOwner, input: { name: string; filter: ContactFilter }, now: Date) {
  return db.transaction(async (tx) => {
    // Serialises one person's saves, so two at once cannot both pass the limit check
    // (this lock does not block rows that merely reference the user).
    await tx.select({ id: users.id }).from(users).where(eq(users.id, owner.userId)).for("no key update");
    const [existing] = await tx
      .select({ id: savedContactFilters.id })
      .from(savedContactFilters)
      .where(and(mine(owner), eq(savedContactFilters.name, input.name)));
    if (!existing) {
      const [held] = await tx.select({ value: count() }).from(savedContactFilters).where(mine(owner));
      if ((held?.value ?? 0) >= SAVED_FILTERS_LIMIT) {
        throw rejected(`You can keep at most ${SAVED_FILTERS_LIMIT} saved filters on a portal: delete one first`);
      }
    }
    const [row] = await tx
      .insert(savedContactFilters)
      .values({ ...owner, name: input.name, filter: input.filter, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [savedContactFilters.portalId, savedContactFilters.userId, savedContactFilters.name],
        set: { filter: sql`excluded.filter`, updatedAt: now },
      })
      .returning(shown);
    return row!;
  });
}

/** Deletes one of the person's own filters; anyone else's id, or an unknown one, is NOT_FOUND. */
export async function deleteFilter(db: DbOrTx, owner: FilterOwner, id: string) {
  const deleted = await db
    .delete(savedContactFilters)
    .where(and(mine(owner), eq(savedContactFilters.id, id)))
    .returning({ id: savedContactFilters.id });
  if (deleted.length === 0) throw notFound("Saved filter not found");
  return { id };
}
