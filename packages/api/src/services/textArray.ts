import { sql, type Column, type SQL } from "drizzle-orm";

/**
 * `column = any($1::text[])`: one array parameter however long the list. Drizzle's inArray binds
 * one parameter per value, and PostgreSQL refuses more than 65,535 in a statement, which a
 * 100,000-contact request reaches.
 */
export function inTextArray(column: Column, values: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(values)}::text[])`;
}
