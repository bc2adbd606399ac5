/**
 * One "worker process" of the parallel bench: syncs every portal it is given at once, each
 * through its own gateway whose limiter bucket lives in the shared database.
 * Env: BENCH_DB_URL, BENCH_SANDBOX_URL, BENCH_PORTALS (JSON [{ portalId, hubId, token }]).
 */
import { createDb, keyringFromEnv } from "@marketable/db";

import { createPortalGateway, staticTokenSource, upsertContacts } from "../src";

interface Assignment {
  portalId: string;
  hubId: string;
  token: string;
}

const handle = await createDb(process.env.BENCH_DB_URL, { poolSize: 6 });
const portals = JSON.parse(process.env.BENCH_PORTALS ?? "[]") as Assignment[];
const keyring = keyringFromEnv(undefined);

const results = await Promise.all(
  portals.map(async (p) => {
    const gateway = await createPortalGateway({
      db: handle.db,
      keyring,
      basePath: process.env.BENCH_SANDBOX_URL!,
      portal: { portalId: p.portalId, hubId: p.hubId, edition: "professional" },
      tokens: staticTokenSource(p.token, p.hubId),
    });
    const started = performance.now();
    let after: string | undefined;
    let contacts = 0;
    do {
      const page = await gateway.listContactsPage({ after, limit: 100 });
      await upsertContacts(handle.db, p.portalId, page.contacts);
      contacts += page.contacts.length;
      after = page.nextAfter;
    } while (after);
    return {
      portalId: p.portalId,
      contacts,
      ms: performance.now() - started,
      requests: gateway.stats.requests,
      rateLimited: gateway.stats.rateLimited,
    };
  }),
);
await handle.close();
process.stdout.write(`${JSON.stringify(results)}\n`);
