import { expect, test } from "@playwright/test";

import { demo, portalUrl, signIn } from "./fixtures";

test("a manager sees only the two granted portals and gets not found on another", async ({ page }) => {
  await signIn(page, demo.owner);
  const ungranted = await portalUrl(page, "Alpine Outfitters");

  await page.context().clearCookies();
  await signIn(page, demo.manager);
  await page.goto("/portals");
  const rows = page.getByRole("table", { name: "Portals" }).getByRole("row");
  await expect(rows).toHaveCount(3); // header + Northwind Bakery + Blue Harbor Dental
  await expect(page.getByRole("link", { name: "Northwind Bakery" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Blue Harbor Dental" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Alpine Outfitters" })).toHaveCount(0);

  const response = await page.goto(ungranted);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("Alpine Outfitters")).toHaveCount(0);
});

test("an analyst has no Team in the navigation and is refused the page", async ({ page }) => {
  await signIn(page, demo.analyst);
  await expect(page.getByRole("link", { name: "Team" })).toHaveCount(0);
  await page.goto("/team");
  await expect(page.getByText("You do not have access to this page")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Members" })).toHaveCount(0);
});

test("nobody sees the other agency's data", async ({ page }) => {
  await signIn(page, demo.outsider);
  const rivalPortal = await portalUrl(page, "Rival Client Co");
  await page.goto("/portals");
  await expect(page.getByRole("link", { name: "Northwind Bakery" })).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, demo.owner);
  await page.goto("/portals");
  await expect(page.getByRole("link", { name: "Northwind Bakery" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Rival Client Co" })).toHaveCount(0);
  const response = await page.goto(rivalPortal);
  expect(response?.status()).toBe(404);
  await page.goto("/team");
  await expect(page.getByText("owner@rival.test")).toHaveCount(0);
  await page.goto("/audit");
  await expect(page.getByRole("table", { name: /Audit log/ })).toBeVisible();
  await expect(page.getByText("owner@rival.test")).toHaveCount(0);
});
