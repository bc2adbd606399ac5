import { and, desc, eq } from "drizzle-orm";

import { DEFAULT_PRICE_TABLE, validatePriceTable, type PriceTable } from "@marketable/billing";
import {
  portals,
  priceTables,
  writeAudit,
  type Access,
  type Db,
  type DbOrTx,
  type Portal,
  type StoredPriceRow,
  type StoredPriceTable,
} from "@marketable/db";

import { notFound, rejected } from "../../errors";

export const STARTING_POINT_SOURCE =
  "Editable starting points: third-party reads of HubSpot's published 2026 prices, not a quote. Replace with the client's negotiated prices.";

/** The key of the seeded starting-point table for a currency. */
export const startingPointKey = (currency: string) => `starting-points-${currency.toLowerCase()}`;

/**
 * The published starting points priced in `currency`. For a currency other than USD the USD
 * figures are copied unchanged (not converted) and the source says so: a placeholder to edit.
 */
export function startingPointRows(currency: string): StoredPriceRow[] {
  return DEFAULT_PRICE_TABLE.rows.map((row) => ({ ...row, currency }));
}

export function startingPointSource(currency: string) {
  return currency === "USD"
    ? STARTING_POINT_SOURCE
    : `${STARTING_POINT_SOURCE} The USD figures are copied as ${currency} amounts, not converted.`;
}

/** A stored table as packages/billing's PriceTable. */
export function toPriceTable(row: StoredPriceTable): PriceTable {
  return { id: row.id, version: row.version, effectiveFrom: row.effectiveFrom, source: row.source, rows: row.rows };
}

/** Used when an agency has no table in a portal's currency yet: the starting points, unsaved. */
export function builtInTable(currency: string): PriceTable {
  return {
    id: startingPointKey(currency),
    version: DEFAULT_PRICE_TABLE.version,
    effectiveFrom: DEFAULT_PRICE_TABLE.effectiveFrom,
    source: startingPointSource(currency),
    rows: startingPointRows(currency),
  };
}

/**
 * Resolves each portal's price table from the agency's tables (one small query): the version the
 * contract points at, else the newest version of the agency's table in the portal's currency
 * (the starting points first), else the built-in starting points.
 */
export async function priceTableResolver(db: DbOrTx, agencyId: string) {
  const tables = await db.select().from(priceTables).where(eq(priceTables.agencyId, agencyId)).orderBy(desc(priceTables.version));
  const byId = new Map(tables.map((t) => [t.id, t]));
  const newestByCurrency = new Map<string, StoredPriceTable>();
  for (const t of tables) {
    const current = newestByCurrency.get(t.currency);
    // Prefer the starting-point table of the currency, else any; tables are sorted newest first.
    if (!current || (t.tableKey === startingPointKey(t.currency) && current.tableKey !== t.tableKey)) newestByCurrency.set(t.currency, t);
  }
  // One object per table, not one per portal: a roll-up resolves 500 portals against a handful.
  const converted = new Map<string, PriceTable>();
  const tableOf = (stored: StoredPriceTable | null, currency: string) => {
    const key = stored ? stored.id : `built-in:${currency}`;
    let table = converted.get(key);
    if (!table) converted.set(key, (table = stored ? toPriceTable(stored) : builtInTable(currency)));
    return table;
  };
  return (portal: Pick<Portal, "currency" | "priceTableVersion">): { table: PriceTable; stored: StoredPriceTable | null } => {
    const pinned = portal.priceTableVersion ? byId.get(portal.priceTableVersion) : undefined;
    const stored = pinned && pinned.currency === portal.currency ? pinned : (newestByCurrency.get(portal.currency) ?? null);
    return { table: tableOf(stored, portal.currency), stored };
  };
}

export async function listPriceTables(db: DbOrTx, agencyId: string) {
  const rows = await db
    .select()
    .from(priceTables)
    .where(eq(priceTables.agencyId, agencyId))
    .orderBy(priceTables.currency, priceTables.tableKey, desc(priceTables.version));
  return rows.map((row) => ({ ...row, rows: row.rows }));
}

/** Seeds the agency's starting-point table for a currency if it has none (demo seed). */
export async function seedStartingPoints(db: DbOrTx, agencyId: string, currency: string, now: Date) {
  const key = startingPointKey(currency);
  const existing = await db
    .select({ id: priceTables.id })
    .from(priceTables)
    .where(and(eq(priceTables.agencyId, agencyId), eq(priceTables.tableKey, key)));
  if (existing.length > 0) return null;
  const [row] = await db
    .insert(priceTables)
    .values({
      agencyId,
      tableKey: key,
      version: 1,
      name: `Published starting points (${currency})`,
      currency,
      effectiveFrom: DEFAULT_PRICE_TABLE.effectiveFrom,
      source: startingPointSource(currency),
      startingPoint: true,
      rows: startingPointRows(currency),
      createdAt: now,
    })
    .returning();
  return row!;
}

export interface SavePriceTableInput {
  tableKey: string;
  name: string;
  currency: string;
  effectiveFrom: string;
  source: string;
  rows: StoredPriceRow[];
}

/** Saves a new version of a table (version 1 for a new key); old versions stay as they were. Audited. */
export async function savePriceTable(db: Db, access: Access, input: SavePriceTableInput, meta: { requestId?: string; now: Date }) {
  if (input.rows.some((row) => row.currency !== input.currency)) throw rejected(`Every row must be priced in ${input.currency}`);
  return db.transaction(async (tx) => {
    const [previous] = await tx
      .select()
      .from(priceTables)
      .where(and(eq(priceTables.agencyId, access.agency.id), eq(priceTables.tableKey, input.tableKey)))
      .orderBy(desc(priceTables.version))
      .limit(1);
    if (previous && previous.currency !== input.currency)
      throw rejected(`Table ${input.tableKey} is priced in ${previous.currency}; create a new table for ${input.currency}`);
    const version = (previous?.version ?? 0) + 1;
    try {
      validatePriceTable({ id: input.tableKey, version, effectiveFrom: input.effectiveFrom, source: input.source, rows: input.rows });
    } catch (error) {
      throw rejected(error instanceof Error ? error.message : "Invalid price table");
    }
    const [row] = await tx
      .insert(priceTables)
      .values({
        agencyId: access.agency.id,
        tableKey: input.tableKey,
        version,
        name: input.name,
        currency: input.currency,
        effectiveFrom: input.effectiveFrom,
        source: input.source,
        // An edited starting-point table is the agency's own numbers from then on.
        startingPoint: false,
        rows: input.rows,
        createdBy: access.user.id,
        createdAt: meta.now,
      })
      .returning();
    await writeAudit(tx, {
      agencyId: access.agency.id,
      actor: access.user,
      action: "billing.savePriceTable",
      targetType: "priceTable",
      targetId: row!.id,
      before: previous ? { version: previous.version, rows: previous.rows } : null,
      after: { tableKey: input.tableKey, version, currency: input.currency, rows: input.rows },
      requestId: meta.requestId,
    });
    return row!;
  });
}

/** Points a portal's contract at a price table version (null: follow the agency's newest table). Audited. */
export async function setPortalPriceTable(
  db: Db,
  access: Access,
  portal: Portal,
  input: { priceTableId: string | null },
  meta: { requestId?: string; now: Date },
) {
  return db.transaction(async (tx) => {
    if (input.priceTableId) {
      const [table] = await tx
        .select()
        .from(priceTables)
        .where(and(eq(priceTables.id, input.priceTableId), eq(priceTables.agencyId, access.agency.id)));
      if (!table) throw notFound("Price table not found");
      if (table.currency !== portal.currency)
        throw rejected(`This portal is billed in ${portal.currency}; choose a table priced in ${portal.currency}`);
    }
    await tx.update(portals).set({ priceTableVersion: input.priceTableId, updatedAt: meta.now }).where(eq(portals.id, portal.id));
    await writeAudit(tx, {
      agencyId: access.agency.id,
      portalId: portal.id,
      actor: access.user,
      action: "billing.setPortalPriceTable",
      targetType: "portal",
      targetId: portal.id,
      before: { priceTableVersion: portal.priceTableVersion },
      after: { priceTableVersion: input.priceTableId },
      requestId: meta.requestId,
    });
    return { portalId: portal.id, priceTableVersion: input.priceTableId };
  });
}
