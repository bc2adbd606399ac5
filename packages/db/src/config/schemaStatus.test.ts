import { describe, expect, it } from "vitest";

import { createDb } from "../client";
import { runMigrations } from "../migrate";
import { migrationJournal, pendingMigrations } from "./schemaStatus";

describe("pendingMigrations", () => {
  it("lists every checked-in migration on an empty database and none once migrated", async () => {
    const handle = await createDb("pglite://memory");
    try {
      const journal = migrationJournal().map((entry) => entry.tag);
      expect(journal.length).toBeGreaterThan(0);
      expect(await pendingMigrations(handle.db)).toEqual(journal);
      await runMigrations(handle.db);
      expect(await pendingMigrations(handle.db)).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
