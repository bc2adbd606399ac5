import type { StatusChangePreview } from "@marketable/billing";
import { agencySettings, type DbOrTx } from "@marketable/db";
import { eq } from "drizzle-orm";

export interface Guardrails {
  approvalSizeThreshold: number | null;
  approvalCostThresholdMinor: number | null;
  approvalTtlHours: number;
}

/** Without settings: only a tier crossing needs approval, and approvals expire after three days. */
export const DEFAULT_GUARDRAILS: Guardrails = { approvalSizeThreshold: null, approvalCostThresholdMinor: null, approvalTtlHours: 72 };

export async function loadGuardrails(db: DbOrTx, agencyId: string): Promise<Guardrails> {
  const [row] = await db.select().from(agencySettings).where(eq(agencySettings.agencyId, agencyId));
  return row
    ? { approvalSizeThreshold: row.approvalSizeThreshold, approvalCostThresholdMinor: row.approvalCostThresholdMinor, approvalTtlHours: row.approvalTtlHours }
    : DEFAULT_GUARDRAILS;
}

/** Why a request needs a second person's approval; empty when it may run at once. */
export function approvalReasons(preview: StatusChangePreview, changeCount: number, guardrails: Guardrails): string[] {
  const reasons: string[] = [];
  if (preview.crossesTier && preview.upgrade) {
    reasons.push(`Crosses the portal's tier: ${preview.upgrade.fromLimit.toLocaleString("en-US")} → ${preview.upgrade.newLimit.toLocaleString("en-US")} contacts`);
  }
  if (guardrails.approvalSizeThreshold !== null && changeCount > guardrails.approvalSizeThreshold) {
    reasons.push(`Changes ${changeCount.toLocaleString("en-US")} contacts, over the agency's limit of ${guardrails.approvalSizeThreshold.toLocaleString("en-US")}`);
  }
  const costIncrease = Math.max(preview.monthlyCostDeltaMinor.now, preview.upgrade?.proratedChargeMinor ?? 0);
  if (guardrails.approvalCostThresholdMinor !== null && costIncrease > guardrails.approvalCostThresholdMinor) {
    reasons.push(`Adds ${(costIncrease / 100).toFixed(2)} ${preview.currency}, over the agency's limit of ${(guardrails.approvalCostThresholdMinor / 100).toFixed(2)}`);
  }
  return reasons;
}
