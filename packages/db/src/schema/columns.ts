import { timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

/*
 * The column shapes most tables repeat, written once. The helpers that reference a table live next
 * to it (`agencyIdColumn` in agencies.ts, `portalIdColumn` in portals.ts, `userIdColumn` in auth.ts),
 * so no schema file imports another in a circle. Each call returns fresh builders: Drizzle binds a
 * builder to the one table it is used in.
 */

/** Every instant is stored with its offset (timestamptz), so no reader depends on the server's zone. */
export function timestampTz<TName extends string>(name: TName) {
  return timestamp(name, { withTimezone: true });
}

/** A random uuid primary key, `id`. */
export function idColumn() {
  return uuid("id").primaryKey().defaultRandom();
}

/** A row's owner: a not-null reference to `target`, and the row is deleted with it. */
export function belongsTo<TName extends string>(name: TName, target: () => AnyPgColumn) {
  return uuid(name).notNull().references(target, { onDelete: "cascade" });
}

/** When the row was written: set by the database. */
export function createdAtColumn() {
  return timestampTz("created_at").notNull().defaultNow();
}

/** When the row last changed: the database sets the first value, the code that updates it the next ones. */
export function updatedAtColumn() {
  return timestampTz("updated_at").notNull().defaultNow();
}

/** `created_at` and `updated_at`, for tables whose rows are edited. */
export function timestamps() {
  return { createdAt: createdAtColumn(), updatedAt: updatedAtColumn() };
}
