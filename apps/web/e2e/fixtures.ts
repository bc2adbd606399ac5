import { expect, type Page } from "@playwright/test";

import { sandboxUrl } from "../playwright.config";

export const DEMO_PASSWORD = "marketable-demo";

export const demo = {
  owner: "owner@northwind.test",
  admin: "admin@northwind.test",
  manager: "manager@northwind.test",
  analyst: "analyst@northwind.test",
  billing: "billing@northwind.test",
  client: "client@northwind.test",
  outsider: "owner@rival.test",
} as const;

export type DemoRole = keyof typeof demo;

/** Signs in through the real form and waits for the app shell. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** Ids of the demo portals, read from the portals list as the owner sees it. */
export async function portalUrl(page: Page, name: string): Promise<string> {
  await page.goto("/portals");
  const href = await page.getByRole("link", { name, exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/portals\/[0-9a-f-]{36}$/);
  return href!;
}

/** One CSV line into its fields (RFC 4180 quoting: a portal name may hold a comma or a quote). */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === "," && !quoted) {
      fields.push(field);
      field = "";
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}

/**
 * Connects Alpine Outfitters (hub 20000003) by token as the signed-in owner (again, if an earlier
 * spec did: that reconnects it), waits for its first sync and returns its portal id.
 */
export async function connectAlpineByToken(page: Page): Promise<string> {
  const listing = (await (await page.request.get(`${sandboxUrl}/_sandbox/portals`)).json()) as {
    results: { hubId: number | string; token: string }[];
  };
  const alpine = listing.results.find((p) => String(p.hubId) === "20000003")!;
  await page.goto("/portals/connect");
  const form = page.getByRole("form", { name: "Connect with a token" });
  await form.getByLabel("Token").fill(alpine.token);
  await form.getByRole("button", { name: "Connect with token" }).click();
  await expect(page.getByRole("heading", { name: "Alpine Outfitters" })).toBeVisible();
  await expect(page.getByTestId("sync-status")).toContainText("full sync succeeded", { timeout: 120_000 });
  return /\/portals\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}
