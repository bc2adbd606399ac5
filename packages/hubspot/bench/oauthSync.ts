/**
 * OAuth sync bench (section 5 of `pnpm --filter @marketable/hubspot bench`; alone:
 * `pnpm --filter @marketable/hubspot exec tsx bench/oauthSync.ts`): a full sync of an
 * OAuth-connected portal through the gateway against the sandbox, whose OAuth tokens get HubSpot's
 * 110 requests / 10 s whatever the edition. Targets: zero 429s and ≥ 90 % of 110 / 10 s.
 * Env: BENCH_DATABASE_URL (PostgreSQL; default a fresh database on the local server),
 * BENCH_OAUTH_CONTACTS (50,000).
 */
import os from "node:os";
import { pathToFileURL } from "node:url";

import { sql } from "drizzle-orm";

import { createDb, runMigrations, type Db } from "@marketable/db";
import { createTestDatabase } from "@marketable/db/testing";
import { PRODUCT_APP, startSandbox } from "@marketable/hubspot-sandbox";

import { createPortalGateway, OAUTH_LIMIT, upsertContacts } from "../src";
import { keyring, seedPortal } from "../test/fixtures";

const CONTACTS = Number(process.env.BENCH_OAUTH_CONTACTS ?? 50_000);
const CEILING_PER_SECOND = OAUTH_LIMIT.perWindow / (OAUTH_LIMIT.windowMs / 1000);

function line(label: string, value: string, target?: string, ok?: boolean): void {
  const verdict = ok === undefined ? "" : ok ? "  ✓" : "  ✗ below target";
  console.log(`${label.padEnd(46)} ${value.padEnd(34)} ${target ? `target ${target}` : ""}${verdict}`);
}

async function openDatabase(): Promise<{ db: Db; close: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const handle = await createDb(url, { poolSize: 5 });
    await runMigrations(handle.db);
    return { db: handle.db, close: () => handle.close() };
  }
  const tdb = await createTestDatabase("postgres");
  return { db: tdb.db, close: () => tdb.close() };
}

/** Returns false when a target was missed. */
export async function oauthSyncBench(): Promise<boolean> {
  let status429 = 0;
  const sandbox = await startSandbox({
    preset: "small",
    seed: 1,
    port: 0,
    limits: true,
    recorder: (r) => void (r.statusCode === 429 && status429++),
  });
  const database = await openDatabase();
  try {
    // Professional: a private app would get 190 / 10 s here; the OAuth install gets 110.
    const hub = sandbox.admin.createPortal({ edition: "professional", contacts: CONTACTS }).hubId;
    const minted = sandbox.admin.mintToken(hub, PRODUCT_APP.appId);
    const portalId = await seedPortal(database.db, {
      hubId: String(hub),
      edition: "professional",
      connection: {
        kind: "oauth",
        accessToken: minted.access_token,
        refreshToken: minted.refresh_token,
        expiresAt: new Date(sandbox.state.now() + minted.expires_in * 1000),
        appId: String(PRODUCT_APP.appId),
      },
    });
    const gateway = await createPortalGateway({
      db: database.db,
      keyring,
      portal: { portalId, hubId: String(hub), edition: "professional" },
      basePath: sandbox.url,
      oauthApp: { clientId: sandbox.oauth.clientId, clientSecret: sandbox.oauth.clientSecret },
    });
    status429 = 0;
    const started = performance.now();
    let after: string | undefined;
    let read = 0;
    let writing: Promise<unknown> = Promise.resolve();
    do {
      const page = await gateway.listContactsPage({ after, limit: 100 });
      read += page.contacts.length;
      await writing;
      writing = upsertContacts(database.db, portalId, page.contacts);
      after = page.nextAfter;
    } while (after);
    await writing;
    const seconds = (performance.now() - started) / 1000;
    const stored = Number(
      (await database.db.execute<{ n: string }>(sql`select count(*) as n from contacts where portal_id = ${portalId}`)).rows[0]!.n,
    );
    const reqPerSecond = gateway.stats.requests / seconds;
    const share = reqPerSecond / CEILING_PER_SECOND;
    console.log(
      `\n5. full sync of an OAuth-connected portal, ${CONTACTS.toLocaleString("en")} contacts (professional; OAuth: 110 / 10 s, no daily limit); load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    line(
      "  connection kind, limiter",
      `${gateway.connectionKind}, ${gateway.limiter.perWindow} / ${gateway.limiter.windowMs / 1000} s, daily ${gateway.limiter.main.daily ?? "none"}`,
    );
    line(
      "  contacts read / stored",
      `${read.toLocaleString("en")} / ${stored.toLocaleString("en")}`,
      "all",
      read === CONTACTS && stored === CONTACTS,
    );
    line("  time, requests", `${seconds.toFixed(1)} s, ${gateway.stats.requests} requests`);
    line("  share of 110 / 10 s", `${(share * 100).toFixed(1)}% (${reqPerSecond.toFixed(2)} req/s)`, "≥ 90%", share >= 0.9);
    line("  429 responses", String(status429), "0", status429 === 0);
    return share >= 0.9 && status429 === 0 && stored === CONTACTS && read === CONTACTS;
  } finally {
    await sandbox.close();
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const cpu = os.cpus();
  console.log(
    `machine: ${cpu[0]?.model ?? "unknown cpu"}, ${cpu.length} cores, node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  if (!(await oauthSyncBench())) process.exitCode = 1;
}
