import { demoSignIns, seedDemo } from "../seed/demo";
import { openMigratedDatabaseFromEnv } from "./openFromEnv";

/** `pnpm db:seed`: migrates, then seeds the demo agencies once (asked for explicitly: never in production by default). */
const { handle } = await openMigratedDatabaseFromEnv("seed");
const { created } = await seedDemo(handle.db);
console.log(created ? "Demo agencies seeded. Sign in with:" : "Demo agencies already present. Sign in with:");
for (const line of demoSignIns()) console.log(`  ${line}`);
await handle.close();
