/** A setting that is missing or wrong; its message is one line that names the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * DATABASE_URL as a process should use it. Only development and tests fall back to the embedded
 * database: a production process without DATABASE_URL would quietly run on an empty PGlite
 * folder of its own, so there it is an error. `npm start` names its PGlite folder.
 */
export function resolveDatabaseUrl(env: { DATABASE_URL?: string; NODE_ENV?: string }): string | undefined {
  const url = env.DATABASE_URL?.trim() || undefined;
  if (!url && env.NODE_ENV === "production") {
    throw new ConfigError(
      "DATABASE_URL is required when NODE_ENV=production (postgres://user@host:5432/marketable, or pglite://<folder> for the embedded database)",
    );
  }
  return url;
}

/** Host, port and database of a URL for messages: never the password. */
export function describeDatabaseUrl(url: string | undefined): string {
  if (!url) return "the embedded database";
  try {
    const parsed = new URL(url);
    if (parsed.protocol.startsWith("postgres")) return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    // not a URL: fall through
  }
  return url.split("?")[0]!.replace(/\/\/[^@/]*@/, "//");
}
