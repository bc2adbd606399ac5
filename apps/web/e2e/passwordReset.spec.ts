import { expect, test } from "@playwright/test";

import { startSmtpReceiver } from "@marketable/auth/testing";

import { smtpPort } from "../playwright.config";
import { demo, DEMO_PASSWORD, signIn } from "./fixtures";

let receiver: Awaited<ReturnType<typeof startSmtpReceiver>>;
test.beforeAll(async () => {
  // The e2e server's SMTP_URL points here (playwright.config.ts).
  receiver = await startSmtpReceiver(smtpPort);
});
test.afterAll(async () => receiver?.close());

// The outsider's password is reset by email and then changed back on Your account, so later specs still sign in.
test("forgot password: the emailed link sets a new password once, and it signs in", async ({ page }) => {
  const newPassword = "reset by email 1";
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();

  // An unknown email gets the same answer, and no mail.
  await page.getByLabel("Email").fill("nobody@nowhere.test");
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByTestId("reset-requested")).toContainText("If nobody@nowhere.test has an account here, we have sent it a link");

  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(demo.outsider.toUpperCase());
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByTestId("reset-requested")).toContainText(`If ${demo.outsider} has an account here`);
  await expect.poll(() => receiver.received.length).toBe(1);
  const mail = receiver.received[0]!;
  expect(mail.to).toEqual([demo.outsider]);
  const link = /(http:\/\/127\.0\.0\.1:\d+\/reset-password\/[A-Za-z0-9_-]+)/.exec(mail.raw)?.[1];
  expect(link, mail.raw).toBeDefined();

  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  const form = {
    next: page.locator('input[name="newPassword"]'),
    again: page.locator('input[name="confirmPassword"]'),
    submit: page.getByRole("button", { name: "Set new password" }),
  };
  await form.next.fill("short");
  await form.again.fill("short");
  await form.submit.click();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await form.next.fill(newPassword);
  await form.again.fill("something else entirely");
  await form.submit.click();
  await expect(page.getByText("Type the same new password twice")).toBeVisible();
  await form.next.fill(newPassword);
  await form.again.fill(newPassword);
  await form.submit.click();
  await expect(page.getByText("Your password is changed. Sign in with the new one.")).toBeVisible();

  // Single use: the same link now says so instead of showing the form.
  await page.goto(link!);
  await expect(page.getByTestId("reset-link-state")).toHaveText(/already used/);

  await signIn(page, demo.outsider, newPassword);
  await page.goto("/account");
  await page.locator('input[name="currentPassword"]').fill(newPassword);
  await page.locator('input[name="newPassword"]').fill(DEMO_PASSWORD);
  await page.locator('input[name="confirmPassword"]').fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("password-changed")).toBeVisible();
});
