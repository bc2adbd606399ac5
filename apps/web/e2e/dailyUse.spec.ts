import { expect, test, type Page } from "@playwright/test";
import { seriousViolations } from "./accessibility";
import { connectAlpineByToken, demo, portalUrl, signIn, type DemoRole } from "./fixtures";

// Every screen fit for daily use: a phone's layout, errors in words, bounded inputs,
// confirmations, and each role's true picture. Alpine Outfitters is connected (once) for the tests
// that need a synced portal with contacts and a projection.

const ALPINE = "Alpine Outfitters";
let alpineId = "";


/** Alpine Outfitters' id, connecting and syncing it first if no test has yet (as the owner). */
async function alpine(page: Page): Promise<string> {
  if (alpineId) return alpineId;
  const url = await portalUrl(page, ALPINE);
  await page.goto(url);
  await expect(page.getByTestId("sync-status").or(page.getByText("Not connected to HubSpot."))).toBeVisible();
  alpineId = (await page.getByText("Not connected to HubSpot.").isVisible()) ? await connectAlpineByToken(page) : url.split("/").pop()!;
  return alpineId;
}

/** Nothing wider than the screen: the page itself never scrolls sideways (tables scroll in their card). */
async function expectNoHorizontalOverflow(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${what} fits ${innerWidth} px`).toBeLessThanOrEqual(innerWidth);
}

async function expectWithinScreen(page: Page, box: { x: number; y: number; width: number; height: number } | null, what: string) {
  const viewport = page.viewportSize()!;
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends on screen`).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height, `${what} ends on screen`).toBeLessThanOrEqual(viewport.height);
}

/** No raw data on the page: no JSON of an error, no zod issue list. */
async function expectNoJson(page: Page) {
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/[[{]\s*"(code|message|path|origin|expected)"/);
  expect(text).not.toContain("invalid_type");
  expect(text).not.toContain("too_big");
}


test.describe("at 390 × 844", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("every main page fits the phone, the menu opens the navigation, and Request status change opens its dialog on screen", async ({ page }) => {
    await signIn(page, demo.owner);
    await alpine(page);
    const bakery = await portalUrl(page, "Northwind Bakery");
    const bakeryId = bakery.split("/").pop()!;
    const pages: [string, string | RegExp][] = [
      ["/", "Overview"],
      ["/portals", "Portals"],
      [bakery, "Northwind Bakery"],
      [`/contacts?portal=${alpineId}`, `${ALPINE}: contacts`],
      ["/billing", /Billing/],
      [`/billing/${bakeryId}`, "Northwind Bakery: billing"],
      [`/billing/${alpineId}`, `${ALPINE}: billing`],
    ];
    for (const [url, heading] of pages) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      // The sidebar gives way to the menu button: content has the whole width.
      await expect(page.getByRole("navigation", { name: "Main", exact: true })).toBeHidden();
      await expectNoHorizontalOverflow(page, url);
    }

    // The menu opens the navigation as a sheet; following a link closes it.
    await page.goto("/");
    await page.getByRole("button", { name: "Menu" }).click();
    const sheet = page.getByRole("dialog", { name: "Menu" });
    await expect(sheet.getByRole("navigation")).toBeVisible();
    await expectWithinScreen(page, await sheet.boundingBox(), "the navigation sheet");
    await sheet.getByRole("link", { name: "Contacts" }).click();
    await expect(page).toHaveURL(/\/contacts$/);
    await expect(sheet).toBeHidden();

    // "Request status change" can be tapped and its dialog fits the screen.
    await page.goto(`/contacts?portal=${alpineId}`);
    const request = page.getByRole("button", { name: "Request status change" });
    await request.scrollIntoViewIfNeeded();
    await expect(request).toBeInViewport();
    await expectWithinScreen(page, await request.boundingBox(), "Request status change");
    await request.click();
    const dialog = page.getByRole("dialog", { name: "Request a marketing-status change" });
    await expect(dialog).toBeVisible();
    await expectWithinScreen(page, await dialog.boundingBox(), "the status request dialog");
    await expect(dialog.getByRole("button", { name: "Preview" })).toBeVisible();
  });
});

test("bad input gets words at the field, what was typed stays, no JSON, and the contacts page stays usable", async ({ page }) => {
  await signIn(page, demo.owner);
  await alpine(page);
  const long = "x".repeat(10_000);

  // Contacts: a 10,000-character search keeps the filters and the table, and says what to change.
  await page.goto(`/contacts?portal=${alpineId}`);
  await expect(page.getByRole("table", { name: "Contacts" })).toBeVisible();
  await page.getByLabel("Search", { exact: true }).fill(long);
  await expect(page.getByText("Keep the search to 200 characters or fewer")).toBeVisible();
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue(long);
  await expect(page.getByLabel("Search", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Status", { exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Contacts" })).toBeVisible();
  await expectNoJson(page);
  // Still usable: a shorter search applies.
  await page.getByLabel("Search", { exact: true }).fill("");
  await page.getByLabel("Status", { exact: true }).selectOption("marketing");
  await expect(page.getByText("Keep the search to 200 characters or fewer")).toHaveCount(0);
  await expect(page.getByTestId("match-count")).toHaveAttribute("aria-busy", "false");
  await expect(page.getByTestId("match-count")).toContainText("contacts match");
  // Days without engagement: -5 is refused in words, never raised to 1.
  await page.getByLabel("No engagement for (days)").fill("-5");
  await expect(page.getByText("Enter at least 1 day")).toBeVisible();
  await expect(page.getByLabel("No engagement for (days)")).toHaveValue("-5");
  await page.getByLabel("No engagement for (days)").fill("");

  // An empty reason: the request says why it was refused, at the field. Focus lands on the preview.
  await page.getByRole("button", { name: "Request status change" }).click();
  const dialog = page.getByRole("dialog", { name: "Request a marketing-status change" });
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByTestId("status-preview")).toBeFocused();
  // Every marketing contact of the portal is a big change: its count is typed before Submit opens.
  const guard = dialog.getByTestId("confirm-count");
  if ((await guard.count()) > 0) await guard.getByLabel(/^Type [\d,]+ to confirm/).fill((await guard.getAttribute("data-count"))!);
  await dialog.getByRole("button", { name: /^Submit/ }).click();
  await expect(dialog.getByText("Say why (at least 3 characters)").first()).toBeVisible();
  await expectNoJson(page);
  await page.keyboard.press("Escape");

  // The portal list's and the roll-up's searches.
  await page.goto("/portals");
  await page.getByLabel("Search portals").fill(long);
  await expect(page.getByText("Keep the search to 100 characters or fewer")).toBeVisible();
  await expect(page.getByLabel("Search portals")).toHaveValue(long);
  await expect(page.getByRole("table", { name: "Portals" })).toBeVisible();
  await page.goto("/billing");
  await page.getByLabel("Search portals").fill(long);
  await expect(page.getByText("Keep the search under 120 characters")).toBeVisible();
  await expect(page.getByLabel("Search portals")).toHaveValue(long);
  await expectNoJson(page);

  // "abc" in a price cell.
  await page.getByRole("button", { name: "Edit prices" }).first().click();
  const price = page.getByRole("textbox", { name: /block price$/ }).first();
  await price.fill("abc");
  await expect(page.getByText("Enter an amount such as 225.00").first()).toBeVisible();
  await expect(price).toHaveValue("abc");
  await expect(price).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("textbox", { name: /block size$/ }).first().fill("-10");
  await expect(page.getByText("A block holds at least one contact").first()).toBeVisible();
  await page.getByRole("button", { name: /^Save as version/ }).first().click();
  await expect(page.getByRole("textbox", { name: /block size$/ }).first()).toHaveValue("-10");
  await expectNoJson(page);

  // −500 in the what-if: refused, not read as +500.
  await page.goto(`/billing/${alpineId}`);
  const extra = page.getByLabel("Set this many more contacts to marketing today");
  await extra.fill("-500");
  await expect(page.getByText(/Enter 0 or more contacts/)).toBeVisible();
  await expect(extra).toHaveValue("-500");
  await expect(page.getByTestId("what-if-delta")).toHaveCount(0);

  // Negative alert thresholds and spike.
  await page.goto(`/portals/${alpineId}`);
  const customise = page.getByRole("button", { name: "Customise for this portal" });
  await expect(page.getByTestId("portal-alert-rules")).toBeVisible();
  if (await customise.isVisible()) await customise.click();
  const rules = page.getByRole("form", { name: "Portal alert rules" });
  await rules.getByLabel(/^Thresholds/).fill("-5, 90");
  await rules.getByLabel(/^Spike/).fill("-3");
  await rules.getByRole("button", { name: "Save rules" }).click();
  await expect(rules.locator("[data-slot=form-error]")).toHaveCount(2);
  await expect(rules.getByLabel(/^Thresholds/)).toHaveValue("-5, 90");
  await expectNoJson(page);

  // Negative approval thresholds.
  await page.goto("/settings");
  const thresholds = page.getByRole("form", { name: "Approval thresholds" });
  await thresholds.getByLabel("Size threshold (contacts)").fill("-5");
  await thresholds.getByLabel(/^Cost threshold/).fill("-1");
  await thresholds.getByRole("button", { name: "Save thresholds" }).click();
  await expect(thresholds.getByText("Enter at least 1")).toBeVisible();
  await expect(thresholds.getByText("Enter 0 or more")).toBeVisible();
  await expect(thresholds.getByLabel("Size threshold (contacts)")).toHaveValue("-5");

  // A 10,000-character email and URL.
  await page.goto("/team");
  const invite = page.getByRole("form", { name: "Invite" });
  await invite.getByLabel("Email").fill(`${long}@northwind.test`);
  await invite.getByRole("button", { name: "Create invite link" }).click();
  await expect(invite.getByText("An email address has at most 254 characters")).toBeVisible();
  await expect(invite.getByLabel("Email")).toHaveValue(`${long}@northwind.test`);
  await page.goto("/alerts");
  const webhook = page.getByRole("form", { name: "Alert webhook" });
  await webhook.getByLabel("Webhook URL").fill(`https://hooks.example.com/${long}`);
  await webhook.getByRole("button", { name: "Save webhook" }).click();
  await expect(webhook.getByText("Keep the URL to 2,048 characters or fewer")).toBeVisible();
  await expect(webhook.getByLabel("Webhook URL")).toHaveValue(`https://hooks.example.com/${long}`);
  await expectNoJson(page);
});

test("disconnect, a role change and removing a member ask first; a policy change can be undone", async ({ page }) => {
  await signIn(page, demo.owner);
  await alpine(page);

  // Disconnect asks; Cancel keeps the connection.
  await page.goto(`/portals/${alpineId}`);
  await page.getByRole("button", { name: "Disconnect" }).click();
  const ask = page.getByRole("alertdialog", { name: "Disconnect from HubSpot?" });
  await expect(ask).toContainText("revokes this portal's HubSpot tokens");
  await ask.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText(/Connected by private app token/)).toBeVisible();

  // A role change asks; Cancel leaves the role as it was.
  await page.goto("/team");
  const role = page.getByLabel(`Role of ${demo.billing}`);
  await role.selectOption("admin");
  const confirmRole = page.getByRole("alertdialog", { name: `Make ${demo.billing} admin?` });
  await expect(confirmRole).toContainText("From billing to admin");
  await confirmRole.getByRole("button", { name: "Cancel" }).click();
  await expect(role).toHaveValue("billing");
  await page.reload();
  await expect(page.getByLabel(`Role of ${demo.billing}`)).toHaveValue("billing");

  // Removing a member asks; Cancel keeps them.
  await page.getByRole("button", { name: `Remove ${demo.analyst} from the agency` }).click();
  const confirmRemove = page.getByRole("alertdialog", { name: `Remove ${demo.analyst} from the agency?` });
  await expect(confirmRemove).toBeVisible();
  await confirmRemove.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId(`member-${demo.analyst}`)).toBeVisible();

  // Removing a portal grant asks too.
  await page.getByRole("button", { name: `Remove ${demo.analyst}'s access to Northwind Bakery` }).click();
  await expect(page.getByRole("alertdialog", { name: `Remove ${demo.analyst}'s access to Northwind Bakery?` })).toBeVisible();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();

  // A policy change applies at once and offers Undo, which restores the previous policy.
  await page.goto(`/integrations/${alpineId}`);
  const policy = page.getByLabel("Policy for Shopify");
  const before = await policy.inputValue();
  const next = before === "no" ? "yes" : "no";
  await policy.selectOption(next);
  const toast = page.getByText("Policy for Shopify saved");
  await expect(toast).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Policy for Shopify restored")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Policy for Shopify")).toHaveValue(before);
});

const NAV: Record<Exclude<DemoRole, "admin" | "outsider">, string[]> = {
  owner: ["Overview", "Portals", "Integrations", "Contacts", "Billing", "Audit", "Team", "Approvals", "Alerts", "Settings"],
  manager: ["Overview", "Portals", "Integrations", "Contacts", "Billing", "Alerts"],
  analyst: ["Overview", "Portals", "Integrations", "Contacts", "Billing", "Alerts"],
  billing: ["Overview", "Portals", "Billing", "Audit", "Approvals", "Alerts", "Settings"],
  client: ["Overview", "Portals", "Integrations", "Contacts", "Alerts"],
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
    await alpine(page);
    const portalPages = [`/portals/${alpineId}`, `/integrations/${alpineId}`, `/contacts?portal=${alpineId}`, `/billing/${alpineId}`, `/billing/${alpineId}/renewal`];
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
