import { sql, type Column, type SQL } from "drizzle-orm";

// `column = any($1)`: one array parameter however long the list. Drizzle's inArray binds one
// parameter per value: PostgreSQL refuses more than 65,535 in a statement, which a
// 100,000-contact request reaches, and building and binding 500 of them for a 500-portal page
// costs the server more than the query itself.

/** `column = any($1::text[])` */
export function inTextArray(column: Column, values: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(values)}::text[])`;
}

/** `column = any($1::uuid[])`, for a list of row ids. */
export function inIdArray(column: Column, ids: readonly string[]): SQL {
  return sql`${column} = any(${sql.param(ids)}::uuid[])`;
}
