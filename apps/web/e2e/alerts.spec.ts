import { expect, test, type Page } from "@playwright/test";

import { seriousViolations } from "./accessibility";
import { demo, portalUrl, signIn } from "./fixtures";

// Granted to the manager (with Blue Harbor Dental) and to the analyst in the demo agency.
const PORTAL = "Northwind Bakery";

const rulesCard = (page: Page) => page.getByTestId("portal-alert-rules");
const portalForm = (page: Page) => page.getByRole("form", { name: "Portal alert rules" });
const defaultsForm = (page: Page) => page.getByRole("form", { name: "Default alert rules" });
const webhookForm = (page: Page) => page.getByRole("form", { name: "Alert webhook" });

test("a manager customises a portal's thresholds, sees them after a reload, and resets them to the agency default", async ({ page }) => {
  await signIn(page, demo.manager);
  const url = await portalUrl(page, PORTAL);
  await page.goto(url);
  await expect(page.getByTestId("alert-rules-origin")).toContainText("Using the agency default");
  await rulesCard(page).getByRole("button", { name: "Customise for this portal" }).click();

  // Out of range: the schema's own message, on the field, and nothing saved.
  const thresholds = portalForm(page).getByLabel("Thresholds (% of the contact tier)");
  await expect(thresholds).toHaveValue("80, 90, 100");
  await thresholds.fill("0, 90");
  await portalForm(page).getByRole("button", { name: "Save rules" }).click();
  await expect(portalForm(page).getByText("A threshold is at least 1%")).toBeVisible();
  await expect(thresholds).toHaveAttribute("aria-invalid", "true");
  await thresholds.fill("abc");
  await portalForm(page).getByRole("button", { name: "Save rules" }).click();
  await expect(portalForm(page).getByText("A threshold is a whole percentage")).toBeVisible();

  await thresholds.fill("95, 75");
  await portalForm(page).getByLabel("Spike (+% in a day)").fill("25");
  await portalForm(page).getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByTestId("alert-rules-origin")).toContainText("This portal has its own rules");

  await page.reload();
  await expect(page.getByTestId("alert-rules-origin")).toContainText("This portal has its own rules");
  // Stored sorted.
  await expect(portalForm(page).getByLabel("Thresholds (% of the contact tier)")).toHaveValue("75, 95");
  await expect(portalForm(page).getByLabel("Spike (+% in a day)")).toHaveValue("25");

  await rulesCard(page).getByRole("button", { name: "Reset to agency default" }).click();
  await expect(page.getByTestId("alert-rules-origin")).toContainText("Using the agency default");
  await page.reload();
  await expect(page.getByTestId("alert-rules-origin")).toContainText("Using the agency default");
  await expect(rulesCard(page).getByText("80%, 90%, 100%")).toBeVisible();

  // A manager's grant covers their portals, not the agency's defaults or its webhook.
  await page.goto("/alerts");
  await expect(page.getByTestId("alert-defaults")).toContainText("80%, 90%, 100%");
  await expect(defaultsForm(page)).toHaveCount(0);
  await expect(webhookForm(page)).toHaveCount(0);
});

test("an analyst reads the alert rules but gets no edit controls, and the API refuses them", async ({ page }) => {
  await signIn(page, demo.analyst);
  await page.goto(await portalUrl(page, PORTAL));
  await expect(rulesCard(page).getByText("80%, 90%, 100%")).toBeVisible();
  await expect(rulesCard(page).getByRole("button")).toHaveCount(0);
  await expect(rulesCard(page).getByRole("textbox")).toHaveCount(0);

  await page.goto("/alerts");
  await expect(page.getByTestId("alert-defaults")).toContainText("80%, 90%, 100%");
  await expect(page.getByRole("heading", { name: "Alert settings" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Save/ })).toHaveCount(0);
  await expect(webhookForm(page)).toHaveCount(0);

  const portalId = (await portalUrl(page, PORTAL)).split("/").at(-1);
  const response = await page.request.post("/api/trpc/alerts.setRules?batch=1", {
    data: { "0": { json: { portalId, rules: { thresholds: [50], spikePct: 10, enabled: true } } } },
  });
  expect(response.status()).toBe(403);
});

test("an owner sets the agency defaults and the webhook; the signing secret is shown once", async ({ page }) => {
  await signIn(page, demo.owner);
  await page.goto("/alerts");
  await expect(page.getByTestId("alert-defaults")).toContainText("The built-in defaults");

  const defaults = defaultsForm(page).getByLabel("Thresholds (% of the contact tier)");
  await defaults.fill("150, 600");
  await defaultsForm(page).getByRole("button", { name: "Save rules" }).click();
  await expect(defaultsForm(page).getByText("A threshold is at most 500%")).toBeVisible();
  await defaults.fill("70, 95");
  await defaultsForm(page).getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByTestId("alert-defaults")).toContainText("Set for this agency");
  await page.reload();
  await expect(defaultsForm(page).getByLabel("Thresholds (% of the contact tier)")).toHaveValue("70, 95");

  // A portal without its own rules follows them.
  await page.goto(await portalUrl(page, PORTAL));
  await expect(page.getByTestId("alert-rules-origin")).toContainText("Using the agency default");
  await expect(rulesCard(page).getByText("70%, 95%")).toBeVisible();

  await page.goto("/alerts");
  const urlField = webhookForm(page).getByLabel("Webhook URL");
  await urlField.fill("http://hooks.example.test/marketable");
  await webhookForm(page).getByRole("button", { name: "Save webhook" }).click();
  await expect(webhookForm(page).getByText("The webhook URL must use https:// (http:// only for 127.0.0.1)")).toBeVisible();

  await urlField.fill("https://hooks.example.test/marketable");
  await webhookForm(page).getByRole("button", { name: "Save webhook" }).click();
  const secretBox = page.getByTestId("webhook-secret");
  await expect(secretBox).toHaveText(/^whsec_[0-9a-f]{64}$/);
  const secret = (await secretBox.textContent())!;
  await expect(page.getByText("No alert has been sent to this webhook yet.")).toBeVisible();

  // After a reload the URL is kept and the secret is gone for good: not on the page, not in its data.
  await page.reload();
  await expect(webhookForm(page).getByLabel("Webhook URL")).toHaveValue("https://hooks.example.test/marketable");
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  await webhookForm(page).getByRole("button", { name: "Rotate signing secret" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Rotate" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_[0-9a-f]{64}$/);
  expect(await page.getByTestId("webhook-secret").textContent()).not.toBe(secret);

  // Back to the built-in defaults, so the other tests see the demo as it was.
  await defaultsForm(page).getByRole("button", { name: "Reset to built-in defaults" }).click();
  await expect(page.getByTestId("alert-defaults")).toContainText("The built-in defaults");
  await expect(defaultsForm(page).getByLabel("Thresholds (% of the contact tier)")).toHaveValue("80, 90, 100");
});

test("the alerts page with its settings forms, and a portal's rules form, have no serious or critical accessibility violations", async ({
  page,
}) => {
  await signIn(page, demo.owner);
  await page.goto("/alerts");
  await expect(defaultsForm(page)).toBeVisible();
  await expect(webhookForm(page)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(await portalUrl(page, PORTAL));
  await rulesCard(page).getByRole("button", { name: "Customise for this portal" }).click();
  await expect(portalForm(page)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
