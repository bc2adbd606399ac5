import fs from "node:fs";

import { expect, test, type Page } from "@playwright/test";

import { sandboxUrl } from "../playwright.config";
import { seriousViolations } from "./accessibility";
import { demo, parseCsvLine, signIn } from "./fixtures";

// Blue Harbor Dental: Starter, yearly, renewal 2027-03-12; savedFilters.spec (after this file) only reconnects it and changes no contacts.
const HARBOR_HUB = 20000002;

const usd = (decimal: string) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(Number(decimal));
const count = (text: string) => Number(text.replace(/,/g, ""));

async function trpcMutation(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}?batch=1`, { data: { "0": { json: input } } });
}

async function trpcQuery<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(
    `/api/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify({ "0": { json: input } }))}`,
  );
  expect(response.ok(), `${path} answers`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }[])[0]!.result.data.json;
}

/** A titled section of the renewal CSV as rows of fields keyed by its header line. */
function csvSections(text: string) {
  const out = new Map<string, Record<string, string>[]>();
  for (const block of text.trim().split("\n\n")) {
    const [title, header, ...lines] = block.split("\n");
    const keys = parseCsvLine(header!);
    out.set(
      parseCsvLine(title!)[0]!,
      lines.map((line) => Object.fromEntries(parseCsvLine(line).map((v, i) => [keys[i]!, v]))),
    );
  }
  return out;
}

/** A table's body rows as the reader sees them. */
async function tableRows(page: Page, name: RegExp) {
  return page
    .getByRole("table", { name })
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((cell) => (cell.textContent ?? "").trim())));
}

test("a billing user opens a portal's renewal pack, sees the savings, prints it clean and downloads a CSV that matches the page", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const listing = (await (await page.request.get(`${sandboxUrl}/_sandbox/portals`)).json()) as {
    results: { hubId: number; token: string; marketingContacts: number }[];
  };
  const harbor = listing.results.find((p) => p.hubId === HARBOR_HUB)!;
  expect(harbor, "the sandbox lists Blue Harbor Dental").toBeTruthy();

  // The owner connects it by token and waits for the first sync (which writes the usage history).
  await signIn(page, demo.owner);
  await page.goto("/portals/connect");
  await page.getByRole("textbox", { name: "Token" }).fill(harbor.token);
  await page.getByRole("button", { name: /Connect with( a)? token/i }).click();
  await expect(page.getByRole("heading", { name: "Blue Harbor Dental" })).toBeVisible();
  const portalId = /\/portals\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  await expect(page.getByTestId("sync-status")).toContainText("full sync succeeded", { timeout: 120_000 });
  // A tier three blocks above what the contacts need: the pack must find the step down.
  const tier = (Math.ceil(harbor.marketingContacts / 1_000) + 3) * 1_000;
  expect((await trpcMutation(page, "portals.updateContract", { portalId, purchasedTier: tier })).ok()).toBe(true);
  // A change made through Marketable this term: five marketing contacts set to non-marketing.
  const { items } = await trpcQuery<{ items: { hubspotId: string }[] }>(page, "contacts.list", {
    portalId,
    filter: { status: "marketing" },
    pageSize: 5,
  });
  expect(items).toHaveLength(5);
  const created = await trpcMutation(page, "statusRequests.create", {
    portalId,
    target: "nonMarketing",
    reason: "Renewal review",
    selection: { kind: "ids", ids: items.map((c) => c.hubspotId) },
  });
  expect(created.ok()).toBe(true);

  await page.context().clearCookies();
  await signIn(page, demo.billing);
  await page.goto(`/billing/${portalId}`);
  await page.getByRole("link", { name: "Renewal pack" }).click();
  await expect(page.getByRole("heading", { name: "Blue Harbor Dental: renewal pack" })).toBeVisible();

  // The request runs as a job in the server: the pack lists it once it has been verified in HubSpot.
  await expect(async () => {
    await page.reload();
    expect(await tableRows(page, /changes executed in the review window/)).toHaveLength(1);
  }).toPass({ timeout: 90_000 });
  const [change] = await tableRows(page, /changes executed in the review window/);
  expect(change![1]).toBe(demo.owner);
  expect(change![3]).toBe("to non-marketing");
  expect(change![4]).toBe("5");

  // The savings: a lower tier at renewal, worth something over the year.
  const savings = page.getByTestId("renewal-savings");
  await expect(savings).toContainText("saved per 12-month term");
  const savedMinor = Number(await savings.getAttribute("data-minor"));
  expect(savedMinor).toBeGreaterThan(0);
  const scenarios = await tableRows(page, /Downgrade case/);
  expect(scenarios[0]![0]).toBe("Renew unchanged");
  expect(count(scenarios[0]![2]!)).toBe(tier);
  expect(count(scenarios[1]![2]!)).toBeLessThan(tier);

  // Its tables pass an automated accessibility check (no serious or critical violations).
  expect(await seriousViolations(page)).toEqual([]);

  // On paper: no navigation, no top bar, no buttons; the document stays.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation")).toBeHidden();
  await expect(page.getByTestId("signed-in-as")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Download CSV" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Blue Harbor Dental: renewal pack" })).toBeVisible();
  await expect(savings).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();

  // The CSV: the same scenarios, months and change as the page.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("blue-harbor-dental-renewal-2027-03-12.csv");
  const sections = csvSections(fs.readFileSync(await download.path(), "utf8"));
  expect([...sections.keys()]).toEqual([
    "Contract",
    "Usage history (monthly)",
    "Changes through Marketable",
    "Recommendations",
    "Downgrade case",
  ]);

  const csvScenarios = sections.get("Downgrade case")!;
  // The page leaves out the CSV's term cost: on a monthly term it repeated the monthly cost.
  expect(
    csvScenarios.map((r) => [
      r.scenario,
      Number(r.holds).toLocaleString("en-US"),
      Number(r.tier).toLocaleString("en-US"),
      usd(r.monthly_cost!),
      usd(r.monthly_saving!),
      usd(r.term_saving!),
    ]),
  ).toEqual(scenarios);
  expect(csvScenarios.map((r) => r.term_saving)).toContain((savedMinor / 100).toFixed(2));

  const months = await tableRows(page, /per month in the review window/);
  expect(months.length).toBeGreaterThan(0);
  expect(sections.get("Usage history (monthly)")!.map((r) => [r.days, r.peak, r.average, r.last])).toEqual(
    months.map((m) => [m[1], count(m[2]!), count(m[4]!), count(m[5]!)].map(String)),
  );

  expect(sections.get("Changes through Marketable")).toEqual([
    expect.objectContaining({ requested_by: demo.owner, direction: "to non-marketing", contacts_changed: "5", reason: "Renewal review" }),
  ]);
  const contract = Object.fromEntries(sections.get("Contract")!.map((r): [string, string | undefined] => [r.field!, r.value]));
  expect(contract).toMatchObject({ portal: "Blue Harbor Dental", tier: String(tier), renewal_date: "2027-03-12", currency: "USD" });
});

test("no renewal pack for people without billing on the portal: the client and the outsider get not found", async ({ page }) => {
  await signIn(page, demo.owner);
  await page.goto("/billing");
  const href = await page.getByRole("link", { name: "Blue Harbor Dental", exact: true }).getAttribute("href");
  const packUrl = `${href!}/renewal`;

  for (const who of [demo.client, demo.outsider]) {
    await page.context().clearCookies();
    await signIn(page, who);
    await page.goto(packUrl);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("renewal pack")).toHaveCount(0);
    expect((await page.request.get(`${packUrl}/csv`)).status()).toBe(404);
  }
});
