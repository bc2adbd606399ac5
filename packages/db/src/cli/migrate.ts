import { createDb } from "../client";
import { runMigrations } from "../migrate";

/** `pnpm db:migrate`: applies the checked-in migrations to DATABASE_URL (default: embedded). */
const handle = await createDb(process.env.DATABASE_URL);
await runMigrations(handle.db);
console.log(JSON.stringify({ level: "info", msg: "migrations applied", kind: handle.kind }));
await handle.close();
