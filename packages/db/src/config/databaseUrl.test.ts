import { describe, expect, it } from "vitest";

import { ConfigError, describeDatabaseUrl, resolveDatabaseUrl } from "./databaseUrl";

describe("resolveDatabaseUrl", () => {
  it("requires DATABASE_URL in production and allows the embedded default elsewhere", () => {
    expect(() => resolveDatabaseUrl({ NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => resolveDatabaseUrl({ NODE_ENV: "production", DATABASE_URL: "  " })).toThrow(
      /DATABASE_URL is required when NODE_ENV=production/,
    );
    expect(resolveDatabaseUrl({ NODE_ENV: "development" })).toBeUndefined();
    expect(resolveDatabaseUrl({ NODE_ENV: "production", DATABASE_URL: "pglite:///tmp/x" })).toBe("pglite:///tmp/x");
  });

  it("describes a URL without its password", () => {
    expect(describeDatabaseUrl("postgres://app:s3cret@db.internal:6543/marketable")).toBe("db.internal:6543/marketable");
    expect(describeDatabaseUrl("postgres://app:s3cret@db.internal/marketable")).toBe("db.internal:5432/marketable");
  });
});
