import { expect, test } from "@playwright/test";

import { demo, signIn } from "./fixtures";

test("the owner invites a member through the UI and the link signs them up", async ({ page, browser }) => {
  const email = `newcomer-${Date.now()}@northwind.test`;
  await signIn(page, demo.owner);
  await page.goto("/team");
  const invite = page.getByRole("form", { name: "Invite" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel(/^Role/).selectOption("member");
  await invite.getByLabel("Portal", { exact: true }).selectOption({ label: "Cedar & Pine Realty" });
  await invite.getByLabel("Portal role").selectOption("analyst");
  await invite.getByRole("button", { name: "Create invite link" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  await expect(page.getByText(`${email} · member`)).toBeVisible();

  const newcomer = await browser.newContext();
  const newPage = await newcomer.newPage();
  await newPage.goto(link);
  await expect(newPage.getByRole("heading", { name: "Join Northwind Digital" })).toBeVisible();
  await newPage.getByLabel("Your name").fill("New Comer");
  await newPage.getByLabel("Choose a password").fill("short");
  await newPage.getByRole("button", { name: "Join the agency" }).click();
  await expect(newPage.getByText("Use at least 10 characters")).toBeVisible();
  await newPage.getByLabel("Choose a password").fill("a long enough password");
  await newPage.getByRole("button", { name: "Join the agency" }).click();
  await expect(newPage.getByTestId("signed-in-as")).toHaveText(email);
  await newPage.goto("/portals");
  await expect(newPage.getByRole("link", { name: "Cedar & Pine Realty" })).toBeVisible();
  await expect(newPage.getByRole("link", { name: "Northwind Bakery" })).toHaveCount(0);

  // The link works once.
  await newcomer.clearCookies();
  await newPage.goto(link);
  await expect(newPage.getByTestId("invite-state")).toHaveText(/already been used/);
  await newcomer.close();

  await page.reload();
  await expect(page.getByTestId(`member-${email}`)).toBeVisible();

  // Inviting them again is refused under the Email field (typed in capitals: the same address).
  await invite.getByLabel("Email").fill(email.toUpperCase());
  await invite.getByRole("button", { name: "Create invite link" }).click();
  await expect(invite.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(invite.getByText(`${email} is already a member of this agency`)).toBeVisible();
  await expect(page.getByTestId("invite-form-error")).toHaveCount(0);
});

test("invalid portal input shows the field messages and saves nothing", async ({ page }) => {
  await signIn(page, demo.admin);
  await page.goto("/portals/new");
  await page.getByLabel("Name").fill("");
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByLabel("Marketing contacts purchased").fill("-3");
  await page.getByRole("button", { name: "Add portal" }).click();
  await expect(page.getByText("Give the portal a name")).toBeVisible();
  await expect(page.getByText("Choose a valid time zone")).toBeVisible();
  await expect(page.getByText("The tier must be at least 1 contact")).toBeVisible();
  await expect(page).toHaveURL(/\/portals\/new$/);

  await page.getByLabel("Name").fill("Echo Fitness");
  await page.getByLabel("Time zone").fill("Europe/Madrid");
  await page.getByLabel("Marketing contacts purchased").fill("5000");
  await page.getByLabel("Renewal date").fill("2027-04-01");
  await page.getByLabel("HubSpot hub id").fill("20000001");
  await page.getByRole("button", { name: "Add portal" }).click();
  // Hub 20000001 belongs to Northwind Bakery already: the server's rule reaches the form.
  await expect(page.getByTestId("form-error")).toHaveText(/already has a portal with HubSpot hub id 20000001/);
  await page.getByLabel("HubSpot hub id").fill("20000099");
  await page.getByRole("button", { name: "Add portal" }).click();
  await expect(page.getByRole("heading", { name: "Echo Fitness" })).toBeVisible();
});

test("withdrawing an invitation asks first; cancelling keeps it, confirming stops the link", async ({ page, browser }) => {
  const email = `withdrawn-${Date.now()}@northwind.test`;
  await signIn(page, demo.owner);
  await page.goto("/team");
  const invite = page.getByRole("form", { name: "Invite" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel(/^Role/).selectOption("billing");
  await invite.getByRole("button", { name: "Create invite link" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!;
  const withdraw = page.getByRole("button", { name: `Withdraw the invitation to ${email}` });

  await withdraw.click();
  const dialog = page.getByRole("alertdialog", { name: `Withdraw the invitation to ${email}?` });
  await expect(dialog).toContainText("stops working at once");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  await expect(page.getByText(`${email} · billing`)).toBeVisible();

  await withdraw.click();
  await dialog.getByRole("button", { name: "Withdraw invitation" }).click();
  await expect(page.getByText(`${email} · billing`)).toHaveCount(0);
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(link);
  await expect(strangerPage.getByTestId("invite-state")).toHaveText(/was withdrawn/);
  await expect(strangerPage.getByRole("button", { name: "Join the agency" })).toHaveCount(0);
  await stranger.close();
});
