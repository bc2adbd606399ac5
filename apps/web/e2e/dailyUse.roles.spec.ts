import { expect, test } from "@playwright/test";

import { seriousViolations } from "./accessibility";
import { alpine } from "./dailyUse.helpers";
import { demo, portalUrl, signIn, type DemoRole } from "./fixtures";

// Daily use: each role's true picture (navigation, overview, portal and contacts pages), and axe on every page in both themes.

const NAV: Record<Exclude<DemoRole, "admin" | "outsider">, string[]> = {
  owner: ["Overview", "Portals", "Integrations", "Contacts", "Requests", "Billing", "Audit", "Team", "Approvals", "Alerts", "Settings"],
  manager: ["Overview", "Portals", "Integrations", "Contacts", "Requests", "Billing", "Alerts"],
  analyst: ["Overview", "Portals", "Integrations", "Contacts", "Requests", "Billing", "Alerts"],
  billing: ["Overview", "Portals", "Billing", "Audit", "Approvals", "Alerts", "Settings"],
  client: ["Overview", "Portals", "Integrations", "Contacts", "Requests", "Alerts"],
};

for (const role of Object.keys(NAV) as (keyof typeof NAV)[]) {
  test(`the ${role} sees only what the role can see and do: navigation, overview, portal and contacts pages`, async ({ page }) => {
    await signIn(page, demo[role]);
    const nav = page.getByRole("navigation", { name: "Main", exact: true });
    const labels = (await nav.getByRole("link").allInnerTexts()).map((t) => t.replace(/\s*\(\d+\)$/, "").trim());
    expect(labels).toEqual(NAV[role]);

    const seesApps = role !== "billing";
    const approves = role === "owner" || role === "billing";
    const seesBilling = role !== "client";
    const requests = role === "owner" || role === "manager";
    await page.goto("/");
    await expect(page.getByText("Portals you can see")).toBeVisible();
    // A card the role cannot see shows nothing, never a false all-clear.
    await expect(page.getByText("Apps drifting from policy")).toHaveCount(seesApps ? 1 : 0);
    await expect(page.getByRole("heading", { name: "Drift", exact: true })).toHaveCount(seesApps ? 1 : 0);
    await expect(page.getByText("Requests awaiting approval")).toHaveCount(approves ? 1 : 0);
    await expect(page.getByRole("heading", { name: "Next renewals" })).toHaveCount(seesBilling ? 1 : 0);
    await expect(page.getByText("Approvals are for")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Connect a portal" })).toHaveCount(role === "owner" ? 1 : 0);
    // No contradiction: the drift card counts the drift list's rows.
    if (seesApps) {
      const card = page.getByRole("region", { name: "Apps drifting from policy" });
      const count = Number((await card.locator("p").first().innerText()).replace(/,/g, ""));
      const rows = await page.locator("section[aria-labelledby=drift] li").count();
      expect(rows).toBe(count);
    }

    // The portal page: contract terms only with billing, and no promised request.
    await page.goto("/portals");
    await page.getByRole("link", { name: "Northwind Bakery", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Northwind Bakery" })).toBeVisible();
    const terms = page.locator("dl[aria-label='Portal details'] dt");
    await expect(terms.filter({ hasText: "Contact tier" })).toHaveCount(seesBilling ? 1 : 0);
    await expect(terms.filter({ hasText: "Contract renewal" })).toHaveCount(seesBilling ? 1 : 0);
    await expect(page.getByRole("link", { name: /status requests/ })).toHaveCount(requests ? 1 : 0);

    // The contacts page promises a request only to those who may make one.
    if (role !== "billing") {
      await page.goto("/contacts");
      await page.getByRole("link", { name: /Northwind Bakery/ }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Northwind Bakery: contacts" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Request status change" })).toHaveCount(requests ? 1 : 0);
      await expect(page.getByText("request status changes with a cost preview")).toHaveCount(requests ? 1 : 0);
      // Selecting feeds a request: checkboxes only for a role that may make one.
      await expect(page.getByRole("table", { name: "Contacts" }).getByRole("row").nth(1)).toBeVisible();
      const checkboxes = page.getByRole("table", { name: "Contacts" }).getByRole("checkbox");
      if (requests) await expect(checkboxes.first()).toBeVisible();
      else await expect(checkboxes).toHaveCount(0);
    }
  });
}

const OWNER_PAGES = [
  "/",
  "/portals",
  "/portals/new",
  "/portals/connect",
  "/portals/import",
  "/integrations",
  "/contacts",
  "/billing",
  "/audit",
  "/team",
  "/alerts",
  "/settings",
  "/account",
  "/approvals",
  "/requests",
  "/integrations/policies",
];

for (const theme of ["light", "dark"] as const) {
  test(`axe finds no serious or critical violations on any page in the ${theme} theme`, async ({ page }) => {
    test.setTimeout(600_000);
    await page.emulateMedia({ colorScheme: theme });
    const found: Record<string, unknown> = {};
    for (const url of ["/sign-in", "/forgot-password"]) {
      await page.goto(url);
      await expect(page.locator("html")).toHaveClass(new RegExp(theme));
      const violations = await seriousViolations(page);
      if (violations.length) found[url] = violations;
    }
    await signIn(page, demo.owner);
    const alpineId = await alpine(page);
    const portalPages = [
      `/portals/${alpineId}`,
      `/integrations/${alpineId}`,
      `/contacts?portal=${alpineId}`,
      `/billing/${alpineId}`,
      `/billing/${alpineId}/renewal`,
    ];
    for (const url of [...OWNER_PAGES, ...portalPages]) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator("html")).toHaveClass(new RegExp(theme));
      // Loaded: no skeleton or spinner left to judge.
      await expect(page.locator("[aria-busy=true]")).toHaveCount(0, { timeout: 30_000 });
      const violations = await seriousViolations(page);
      if (violations.length) found[url] = violations;
    }
    // A request's own page, when an earlier spec left one (approvals.spec makes several).
    const northwind = (await portalUrl(page, "Northwind Bakery")).split("/").pop()!;
    await page.goto(`/requests?portal=${northwind}`);
    const firstRequest = page.locator("a[href^='/requests/']").first();
    if ((await firstRequest.count()) > 0) {
      const href = (await firstRequest.getAttribute("href"))!;
      await page.goto(href);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator("[aria-busy=true]")).toHaveCount(0, { timeout: 30_000 });
      const violations = await seriousViolations(page);
      if (violations.length) found["/requests/<id>"] = violations;
    }
    // The phone layout's open menu, and the client's pages.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(page.getByRole("dialog", { name: "Menu" })).toBeVisible();
    const menu = await seriousViolations(page);
    if (menu.length) found["/ (menu open, 390 px)"] = menu;
    expect(found).toEqual({});
  });
}
