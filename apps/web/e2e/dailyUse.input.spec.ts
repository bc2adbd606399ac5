import { expect, test } from "@playwright/test";

import { alpine, expectNoJson } from "./dailyUse.helpers";
import { demo, signIn } from "./fixtures";

// Daily use: bad input gets words at the field and keeps what was typed; dangerous changes ask first or can be undone.

test("bad input gets words at the field, what was typed stays, no JSON, and the contacts page stays usable", async ({ page }) => {
  await signIn(page, demo.owner);
  const alpineId = await alpine(page);
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
  // A date range that ends before it starts is said at the field, not answered with "0 contacts match".
  await page.getByLabel("Created from").fill("2026-11-30");
  await page.getByLabel("Created to").fill("2026-11-01");
  await expect(page.getByText("This is before “Created from”: no contact can match both")).toBeVisible();
  await expect(page.getByLabel("Created to")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Created to").fill("");
  await page.getByLabel("Created from").fill("");
  await expect(page.getByText("This is before “Created from”")).toHaveCount(0);

  // An empty reason: the request says why it was refused, at the field. Focus lands on the preview.
  await page.getByRole("button", { name: "Request status change" }).click();
  const dialog = page.getByRole("dialog", { name: "Request a marketing-status change" });
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByTestId("status-preview")).toBeFocused();
  // Every marketing contact of the portal is a big change: its count is typed before Submit opens.
  const guard = dialog.getByTestId("confirm-count");
  if ((await guard.count()) > 0) await guard.getByLabel(/^Type [\d,]+ to confirm/).fill((await guard.getAttribute("data-count"))!);
  await dialog.getByRole("button", { name: /^Submit/ }).click();
  // Said once, at the field: not again in an alert above the preview.
  await expect(dialog.getByText("Say why (at least 3 characters)")).toHaveCount(1);
  await expect(dialog.getByText("Could not continue")).toHaveCount(0);
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
  await page
    .getByRole("textbox", { name: /block size$/ })
    .first()
    .fill("-10");
  await expect(page.getByText("A block holds at least one contact").first()).toBeVisible();
  await page
    .getByRole("button", { name: /^Save as version/ })
    .first()
    .click();
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
  const alpineId = await alpine(page);

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
