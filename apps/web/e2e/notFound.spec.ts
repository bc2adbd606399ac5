import fs from "node:fs";
import path from "node:path";

import { expect, test, type Page } from "@playwright/test";

import { demo, portalUrl, signIn } from "./fixtures";

/**
 * Every route that takes a portal id, by its pattern under `src/app` (route groups left out).
 * A portal the viewer may not see (another agency's, not granted, unknown, malformed) must be
 * HTTP 404 on each, never a 200 that streams the not-found page.
 */
const PORTAL_ROUTES: Record<string, (portalId: string) => string> = {
  "/portals/[portalId]": (id) => `/portals/${encodeURIComponent(id)}`,
  "/billing/[portalId]": (id) => `/billing/${encodeURIComponent(id)}`,
  "/billing/[portalId]/renewal": (id) => `/billing/${encodeURIComponent(id)}/renewal`,
  "/billing/[portalId]/renewal/csv": (id) => `/billing/${encodeURIComponent(id)}/renewal/csv`,
  "/integrations/[portalId]": (id) => `/integrations/${encodeURIComponent(id)}`,
};

/** Pages that take a portal id in their query string, by the parameter's name. */
const PORTAL_QUERY_PAGES: Record<string, (portalId: string) => string> = {
  "/contacts": (id) => `/contacts?portal=${encodeURIComponent(id)}`,
  "/requests": (id) => `/requests?portal=${encodeURIComponent(id)}`,
};

/** Dynamic routes whose segment is not a portal id, and why they are not in the tables above. */
const OTHER_DYNAMIC_ROUTES: Record<string, string> = {
  "/invite/[token]": "public: an unknown or used token says so in words (no portal behind it)",
  "/reset-password/[token]": "public: an unknown, expired or used reset link says so in words (no portal behind it)",
  "/api/auth/[...nextauth]": "Auth.js endpoints",
  "/api/trpc/[trpc]": "tRPC: procedures answer NOT_FOUND themselves (packages/api authorization suite)",
  "/requests/[requestId]":
    "a status request's id: 404 when it is another agency's or its portal is hidden (approvals.spec, 'a hidden request is 404')",
};

/** Pages that read their query string for something other than a portal id. */
const OTHER_QUERY_PAGES: Record<string, string> = {
  "/sign-in": "error and callback messages",
  "/portals/connect": "the OAuth callback's error message",
  "/audit": "one record's entries (?target=<id>): filtered within the viewer's agency by the procedure",
  "/billing": "the roll-up's sort, filter, search and page (no portal id)",
  "/integrations": "the matrix's search and page (no portal id)",
};

const appDir = path.join(import.meta.dirname, "../src/app");

/** Every page and route handler under `src/app` as [route pattern, source file]. */
function routesOnDisk(dir = appDir, prefix = ""): [string, string][] {
  const found: [string, string][] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
      found.push(...routesOnDisk(full, prefix + segment));
    } else if (/^(page|route)\.tsx?$/.test(entry.name)) {
      found.push([prefix || "/", full]);
    }
  }
  return found;
}

test("every dynamic route and every page that reads its query string is classified here", () => {
  const routes = routesOnDisk();
  expect(routes.length, "the walk finds the app's routes").toBeGreaterThan(20);
  const dynamic = routes.map(([route]) => route).filter((route) => route.includes("["));
  const unclassified = dynamic.filter((route) => !(route in PORTAL_ROUTES) && !(route in OTHER_DYNAMIC_ROUTES));
  expect(unclassified, "a new dynamic route: add it to PORTAL_ROUTES (and make it 404) or to OTHER_DYNAMIC_ROUTES").toEqual([]);
  expect(
    Object.keys(PORTAL_ROUTES).filter((route) => !dynamic.includes(route)),
    "PORTAL_ROUTES lists only routes that exist",
  ).toEqual([]);

  const readingQuery = routes.filter(([, file]) => /\bsearchParams\b/.test(fs.readFileSync(file, "utf8"))).map(([route]) => route);
  const unclassifiedQuery = readingQuery.filter(
    (route) => !route.startsWith("/api/") && !(route in PORTAL_QUERY_PAGES) && !(route in OTHER_QUERY_PAGES),
  );
  expect(unclassifiedQuery, "a new page reads its query string: add it to PORTAL_QUERY_PAGES or OTHER_QUERY_PAGES").toEqual([]);
});

const allPortalUrls = (portalId: string) =>
  [...Object.values(PORTAL_ROUTES), ...Object.values(PORTAL_QUERY_PAGES)].map((url) => url(portalId));

async function expectStatus(page: Page, portalId: string, status: number, hiddenName?: string) {
  for (const url of allPortalUrls(portalId)) {
    const response = await page.request.get(url, { maxRedirects: 0 });
    expect.soft(response.status(), `${url} answers ${status}`).toBe(status);
    if (hiddenName) expect.soft(await response.text(), `${url} says nothing of the portal`).not.toContain(hiddenName);
  }
}

test("a portal the viewer may not see is HTTP 404 on every portal route; one they see is 200", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, demo.outsider);
  const foreignId = (await portalUrl(page, "Rival Client Co")).split("/").pop()!;

  await page.context().clearCookies();
  await signIn(page, demo.owner);
  const ownId = (await portalUrl(page, "Northwind Bakery")).split("/").pop()!;
  const ungrantedId = (await portalUrl(page, "Alpine Outfitters")).split("/").pop()!;
  // The control: every route answers for a portal the owner sees, so a 404 below is the guard's.
  await expectStatus(page, ownId, 200);

  await expectStatus(page, foreignId, 404, "Rival Client Co");
  await expectStatus(page, crypto.randomUUID(), 404);
  for (const malformed of ["not-a-portal", "00000000-0000-0000-0000-00000000000g", "1' or '1'='1", "nul\u0000byte", "x".repeat(2_000)]) {
    await expectStatus(page, malformed, 404);
  }

  // Inside the agency: a manager is granted Northwind Bakery, not Alpine Outfitters.
  await page.context().clearCookies();
  await signIn(page, demo.manager);
  await expectStatus(page, ungrantedId, 404, "Alpine Outfitters");
  await expectStatus(page, foreignId, 404, "Rival Client Co");
});
