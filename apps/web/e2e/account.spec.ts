import { expect, test } from "@playwright/test";

import { demo, DEMO_PASSWORD, signIn, signOut } from "./fixtures";

// The outsider's own password is changed and then changed back, so later specs still sign in.
test("a person changes their password on Your account; errors are said at the field", async ({ page }) => {
  const newPassword = "a brand-new password";
  await signIn(page, demo.outsider);
  await page.getByTestId("signed-in-as").click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

  const form = {
    current: page.locator('input[name="currentPassword"]'),
    next: page.locator('input[name="newPassword"]'),
    again: page.locator('input[name="confirmPassword"]'),
    submit: page.getByRole("button", { name: "Change password" }),
  };
  await form.current.fill("not my password");
  await form.next.fill(newPassword);
  await form.again.fill(newPassword);
  await form.submit.click();
  await expect(page.getByText("This is not your current password")).toBeVisible();

  await form.current.fill(DEMO_PASSWORD);
  await form.next.fill("short");
  await form.again.fill("short");
  await form.submit.click();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();

  await form.current.fill(DEMO_PASSWORD);
  await form.next.fill(newPassword);
  await form.again.fill(newPassword);
  await form.submit.click();
  await expect(page.getByTestId("password-changed")).toBeVisible();

  await signOut(page);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(demo.outsider);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The old password no longer works.
  await expect(page.getByTestId("sign-in-error")).toHaveText(/Wrong email or password/);

  await signIn(page, demo.outsider, newPassword);
  await page.goto("/account");
  await form.current.fill(newPassword);
  await form.next.fill(DEMO_PASSWORD);
  await form.again.fill(DEMO_PASSWORD);
  await form.submit.click();
  await expect(page.getByTestId("password-changed")).toBeVisible();
});
