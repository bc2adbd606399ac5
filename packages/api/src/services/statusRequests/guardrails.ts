import { eq } from "drizzle-orm";

import type { StatusChangePreview } from "@marketable/billing";
import { agencySettings, type DbOrTx } from "@marketable/db";

export interface Guardrails {
  approvalSizeThreshold: number | null;
  approvalCostThresholdMinor: number | null;
  approvalTtlHours: number;
  /** Over this share (percent) of the portal's marketing contacts, the count must be typed to submit. */
  confirmSharePercent: number;
}

/**
 * A new agency (no settings saved) starts guarded: any tier crossing, more than 1,000 contacts or
 * any cost increase waits for a second person; approvals expire after three days; changing more
 * than a quarter of a portal's marketing contacts asks for the count to be typed.
 */
export const DEFAULT_GUARDRAILS: Guardrails = {
  approvalSizeThreshold: 1_000,
  approvalCostThresholdMinor: 0,
  approvalTtlHours: 72,
  confirmSharePercent: 25,
};

export async function loadGuardrails(db: DbOrTx, agencyId: string): Promise<Guardrails> {
  const [row] = await db.select().from(agencySettings).where(eq(agencySettings.agencyId, agencyId));
  return row
    ? {
        approvalSizeThreshold: row.approvalSizeThreshold,
        approvalCostThresholdMinor: row.approvalCostThresholdMinor,
        approvalTtlHours: row.approvalTtlHours,
        confirmSharePercent: row.confirmSharePercent,
      }
    : DEFAULT_GUARDRAILS;
}

/** Why a request needs a second person's approval; empty when it may run at once. */
export function approvalReasons(preview: StatusChangePreview, changeCount: number, guardrails: Guardrails): string[] {
  const reasons: string[] = [];
  if (preview.crossesTier && preview.upgrade) {
    reasons.push(
      `Crosses the portal's tier: ${preview.upgrade.fromLimit.toLocaleString("en-US")} → ${preview.upgrade.newLimit.toLocaleString("en-US")} contacts`,
    );
  }
  if (guardrails.approvalSizeThreshold !== null && changeCount > guardrails.approvalSizeThreshold) {
    reasons.push(
      `Changes ${changeCount.toLocaleString("en-US")} contacts, over the agency's limit of ${guardrails.approvalSizeThreshold.toLocaleString("en-US")}`,
    );
  }
  const costIncrease = Math.max(preview.monthlyCostDeltaMinor.now, preview.upgrade?.proratedChargeMinor ?? 0);
  if (guardrails.approvalCostThresholdMinor !== null && costIncrease > guardrails.approvalCostThresholdMinor) {
    reasons.push(
      `Adds ${(costIncrease / 100).toFixed(2)} ${preview.currency}, over the agency's limit of ${(guardrails.approvalCostThresholdMinor / 100).toFixed(2)}`,
    );
  }
  return reasons;
}

/**
 * The two reasons above that tell the bill (the tier and its limits, an amount of money), as they
 * appear in reasons and in the event messages that quote them.
 */
const MONEY_REASONS = [/Crosses the portal's tier: [\d,]+ → [\d,]+ contacts/g, /Adds [\d.]+ [A-Z]{3}, over the agency's limit of [\d.]+/g];
const BILL_WORDS = "Changes the portal's bill";

/**
 * `text` for someone without billing.view (the client): each reason that tells the tier or an
 * amount becomes "Changes the portal's bill", said once.
 */
export function withoutMoney(text: string): string {
  const redacted = MONEY_REASONS.reduce((t, pattern) => t.replace(pattern, BILL_WORDS), text);
  const first = redacted.indexOf(BILL_WORDS);
  if (first === -1) return redacted;
  const head = redacted.slice(0, first + BILL_WORDS.length);
  return head + redacted.slice(head.length).replaceAll(`; ${BILL_WORDS}`, "");
}

/** Why the person must type the count before submitting; null when a plain submit is enough. */
export interface ConfirmationGuard {
  /** The count to type: the contacts that change. */
  count: number;
  /** In words, e.g. "all 1,820 marketing contacts of Northwind Bakery". */
  message: string;
  wholePortal: boolean;
  /** Percent of the portal's marketing contacts (pending demotions included) the request changes. */
  sharePercent: number;
}

const n = (value: number) => value.toLocaleString("en-US");

/**
 * A request asks for its count to be typed when it covers the whole portal (no filter, no
 * selection) or changes more than the agency's share of the portal's marketing contacts.
 */
export function confirmationGuard(
  input: { target: "marketing" | "nonMarketing"; wholePortal: boolean; changeCount: number; marketing: number; portalName: string },
  guardrails: Pick<Guardrails, "confirmSharePercent">,
): ConfirmationGuard | null {
  if (input.changeCount === 0) return null;
  const sharePercent = input.marketing > 0 ? Math.round((input.changeCount / input.marketing) * 1000) / 10 : 100;
  const overShare = sharePercent > guardrails.confirmSharePercent;
  if (!input.wholePortal && !overShare) return null;
  const what =
    input.target === "nonMarketing"
      ? input.changeCount >= input.marketing
        ? `all ${n(input.marketing)} marketing contacts of ${input.portalName}`
        : `${n(input.changeCount)} of the ${n(input.marketing)} marketing contacts of ${input.portalName} (${sharePercent} %)`
      : `${n(input.changeCount)} contacts of ${input.portalName}, ${sharePercent} % of its ${n(input.marketing)} marketing contacts`;
  const change = `${what} become ${input.target === "nonMarketing" ? "non-marketing" : "marketing"}`;
  const message = input.wholePortal
    ? `Every contact of this portal: ${change}`
    : `Over the agency's ${guardrails.confirmSharePercent} % share: ${change}`;
  return { count: input.changeCount, message, wholePortal: input.wholePortal, sharePercent };
}

/** No filter and no list: the request covers every contact of the portal. */
export function isWholePortal(selection: { kind: string; filter?: Record<string, unknown> }): boolean {
  return selection.kind === "filter" && Object.values(selection.filter ?? {}).every((v) => v === undefined || v === null || v === "");
}
