import fs from "node:fs";

import { expect, test, type Page } from "@playwright/test";

import { sandboxUrl } from "../playwright.config";
import { seriousViolations } from "./accessibility";
import { demo, parseCsvLine, signIn } from "./fixtures";

const ALPINE_HUB = "20000003";
// Every portal of the Northwind demo agency (the rival agency's portal must never appear).
const NORTHWIND_PORTALS = ["Northwind Bakery", "Blue Harbor Dental", "Alpine Outfitters", "Cedar & Pine Realty"];

const rollup = (page: Page) => page.getByRole("table", { name: /Agency roll-up/ });

/** The roll-up's body rows as the user reads them: one array of cell texts per portal. */
async function tableRows(page: Page) {
  return rollup(page)
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td, th")].map((cell) => (cell.textContent ?? "").trim())));
}

/** Headroom cells as numbers (null for "—"), in the table's order. */
async function headrooms(page: Page) {
  const rows = await tableRows(page);
  return rows.map((cells) => (cells[3] === "—" ? null : Number.parseFloat(cells[3]!)));
}

/**
 * Connects Alpine Outfitters (about 9,500 contacts on a 10,000 tier) by private-app token as the
 * owner and waits for its first sync, so the spec does not depend on integrations.spec.ts.
 * Connecting it again later only reconnects it.
 */
async function connectAlpine(page: Page) {
  const listing = (await (await page.request.get(`${sandboxUrl}/_sandbox/portals`)).json()) as {
    results: { hubId: number | string; token: string }[];
  };
  const alpine = listing.results.find((p) => String(p.hubId) === ALPINE_HUB);
  expect(alpine, "the sandbox lists Alpine Outfitters").toBeTruthy();
  await signIn(page, demo.owner);
  await page.goto("/portals/connect");
  const form = page.getByRole("form", { name: "Connect with a token" });
  await form.getByLabel("Token").fill(alpine!.token);
  await form.getByRole("button", { name: "Connect with token" }).click();
  await expect(page.getByRole("heading", { name: "Alpine Outfitters" })).toBeVisible();
  await expect(page.getByTestId("sync-status")).toContainText("full sync succeeded", { timeout: 120_000 });
}

test("a billing user sees every portal, sorts by headroom, exports the table as CSV, and a what-if moves the crossing", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await connectAlpine(page);

  await page.context().clearCookies();
  await signIn(page, demo.billing);
  await expect(page.getByRole("link", { name: "Billing", exact: true })).toBeVisible();
  await page.goto("/billing");
  await expect(rollup(page).locator("tbody tr")).toHaveCount(NORTHWIND_PORTALS.length);
  for (const name of NORTHWIND_PORTALS) await expect(rollup(page).getByRole("link", { name, exact: true })).toBeVisible();
  await expect(rollup(page).getByRole("link", { name: "Rival Client Co" })).toHaveCount(0);

  // Least headroom first by default; one click on the header reverses it.
  const headroomHeader = rollup(page).getByRole("columnheader", { name: /Headroom/ });
  await expect(headroomHeader).toHaveAttribute("aria-sort", "ascending");
  await headroomHeader.getByRole("button").click();
  await expect(headroomHeader).toHaveAttribute("aria-sort", "descending");
  await expect(async () => {
    const known = (await headrooms(page)).filter((v): v is number => v !== null);
    expect(known.length).toBeGreaterThan(0);
    expect(known).toEqual([...known].sort((a, b) => b - a));
  }).toPass();

  // The CSV holds the same portals in the same order as the table on screen.
  const shown = await tableRows(page);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("billing-rollup.csv");
  const csv = fs
    .readFileSync(await download.path(), "utf8")
    .trim()
    .split("\n");
  expect(csv[0]).toContain("portal,portal_id,currency,marketing_contacts,tier_limit,headroom_pct");
  const lines = csv.slice(1);
  expect(lines).toHaveLength(shown.length);
  lines.forEach((line, i) => {
    const row = parseCsvLine(line);
    expect(row[0], `CSV row ${i + 1} names the table's row ${i + 1}`).toBe(shown[i]![0]);
    const headroom = shown[i]![3]!;
    expect(row[5] === "" ? "—" : `${Number(row[5]).toFixed(1)} %`).toBe(headroom);
    const marketing = shown[i]![1]!;
    expect(row[3] === "" ? "not synced" : Number(row[3]).toLocaleString("en-US")).toBe(marketing);
  });

  // Alpine Outfitters, close to its tier: a what-if moves the projected crossing.
  await rollup(page).getByRole("link", { name: "Alpine Outfitters", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Alpine Outfitters: billing" })).toBeVisible();
  const crossing = page.getByTestId("crossing-date");
  await expect(crossing).toBeVisible();
  const before = (await crossing.getAttribute("data-day")) ?? "";
  // Its headroom today, as the page states it ("headroom 512 (5.1 %)").
  const hint = await page
    .getByText(/^headroom [\d,]+ \(/)
    .first()
    .textContent();
  const headroom = Number(/headroom ([\d,]+)/.exec(hint ?? "")![1]!.replace(/,/g, ""));
  expect(headroom).toBeGreaterThan(0);
  // What if one more contact than the headroom were set to marketing today: the tier is crossed today.
  await page.getByLabel("Set this many more contacts to marketing today").fill(String(headroom + 1));
  await expect(page.getByTestId("what-if-delta")).toBeVisible();
  await expect(crossing).not.toHaveAttribute("data-day", before);
  // Earlier than before (or a crossing where there was none).
  const after = (await crossing.getAttribute("data-day")) ?? "";
  expect(after).not.toBe("");
  if (before) expect(after < before).toBe(true);
  await expect(page.getByTestId("what-if-delta")).toContainText(before ? "moves earlier" : "would be crossed");
  await page.getByRole("button", { name: "Reset what-if" }).click();
  await expect(crossing).toHaveAttribute("data-day", before);
});

test("an analyst sees the billing panel for their portal but cannot edit price tables", async ({ page }) => {
  await signIn(page, demo.analyst);
  await expect(page.getByRole("link", { name: "Billing", exact: true })).toBeVisible();
  await page.goto("/billing");
  await expect(rollup(page).getByRole("link", { name: "Northwind Bakery", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Price tables" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Edit/ })).toHaveCount(0);

  // Nor through the API.
  const response = await page.request.post("/api/trpc/billing.savePriceTable?batch=1", {
    data: {
      "0": {
        json: {
          tableKey: "analyst-attempt",
          name: "Analyst attempt",
          currency: "USD",
          effectiveFrom: "2026-01-01",
          source: "e2e",
          rows: [{ edition: "starter", term: "monthly", currency: "USD", includedContacts: 1000, blockSize: 1000, blockPriceMinor: 100 }],
        },
      },
    },
  });
  expect(response.status()).toBe(403);
});

test("a client user has no billing: no navigation link and no access to the page", async ({ page }) => {
  await signIn(page, demo.client);
  await expect(page.getByRole("link", { name: "Billing", exact: true })).toHaveCount(0);
  await page.goto("/billing");
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
  await expect(page.getByRole("table", { name: /Agency roll-up/ })).toHaveCount(0);
});

test("the billing pages have no serious or critical accessibility violations", async ({ page }) => {
  test.setTimeout(180_000);
  await connectAlpine(page);
  await page.goto("/billing");
  await expect(rollup(page).locator("tbody tr")).toHaveCount(NORTHWIND_PORTALS.length);
  await expect(page.getByRole("heading", { name: "Price tables" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await rollup(page).getByRole("link", { name: "Alpine Outfitters", exact: true }).click();
  await expect(page.getByTestId("crossing-date")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
