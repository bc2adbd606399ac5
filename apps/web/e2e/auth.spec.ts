import { expect, test } from "@playwright/test";

import { demo, signIn, signOut, type DemoRole } from "./fixtures";

test.describe("sign-in and sign-out per role", () => {
  for (const role of Object.keys(demo) as DemoRole[]) {
    test(`${role} signs in and out`, async ({ page }) => {
      await signIn(page, demo[role]);
      await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
      await expect(page.getByTestId("agency-name")).toHaveText(role === "outsider" ? "Rival Media" : "Northwind Digital");
      await signOut(page);
      await expect(page.getByText("You are signed out.")).toBeVisible();
      // Signed out means signed out: the app sends you back to sign in.
      await page.goto("/portals");
      await expect(page).toHaveURL(/\/sign-in/);
    });
  }
});

test("a wrong password gives a clear message, not an error page", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(demo.analyst);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText(/Wrong email or password/);
  await expect(page.getByLabel("Email")).toHaveValue(demo.analyst);
  // Kept, so a typo is fixed in place (the form used to empty it under the message).
  await expect(page.getByLabel("Password")).toHaveValue("not the password");
});

test("invalid sign-in input is explained on the field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Enter your password")).toBeVisible();
  // An address longer than any mailbox allows is refused at the field, and what was typed stays.
  const long = `${"a".repeat(250)}@example.com`;
  await page.getByLabel("Email").fill(long);
  await page.getByLabel("Password").fill("something");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("An email address has at most 254 characters")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(long);
  await expect(page.getByLabel("Password")).toHaveValue("something");
});

test("an expired invite and a broken link each say what is wrong", async ({ page }) => {
  const expired = await page.goto("/invite/demo-expired-invitation-token-0000000000");
  expect(expired?.status()).toBe(200);
  await expect(page.getByTestId("invite-state")).toHaveText(/expired/);
  await page.goto("/invite/this-link-was-never-issued-by-anyone");
  await expect(page.getByTestId("invite-state")).toHaveText(/not valid/);
});
