import { createDb } from "../client";
import { runMigrations } from "../migrate";
import { demoSignIns, seedDemo } from "../seed/demo";

/** `pnpm db:seed`: migrates, then seeds the demo agencies once. */
const handle = await createDb(process.env.DATABASE_URL);
await runMigrations(handle.db);
const { created } = await seedDemo(handle.db);
console.log(created ? "Demo agencies seeded. Sign in with:" : "Demo agencies already present. Sign in with:");
for (const line of demoSignIns()) console.log(`  ${line}`);
await handle.close();
