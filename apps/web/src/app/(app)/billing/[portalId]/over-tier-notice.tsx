import Link from "next/link";

import type { Upgrade } from "@marketable/billing";
import { formatMoney } from "@marketable/billing/money";
import { Alert } from "@marketable/ui/alert";
import { formatNumber } from "@marketable/ui/format";

import { formatDay } from "../day";

/**
 * The latest count is over the contract's tier. HubSpot has upgraded the account already (it does
 * so as the count crosses) but its API does not say to what, so the contract in Marketable still
 * shows the old tier until someone updates it; until then this says what HubSpot will bill.
 */
export function OverTierNotice({
  upgrade,
  marketing,
  portalId,
  canManage,
}: {
  upgrade: Upgrade;
  marketing: number;
  portalId: string;
  canManage: boolean;
}) {
  const money = (minor: number) => formatMoney(minor, upgrade.currency);
  return (
    <Alert variant="warning" title="Over the contract's tier" data-testid="over-tier">
      <p>
        {formatNumber(marketing)} marketing contacts against a tier of {formatNumber(upgrade.fromLimit)}. HubSpot upgrades the account
        automatically as the count crosses: to <strong data-testid="over-tier-new-limit">{formatNumber(upgrade.newLimit)}</strong> contacts,
        +{money(upgrade.extraMonthlyMinor)} a month, about {money(upgrade.proratedChargeMinor)} pro-rated to {formatDay(upgrade.period.end)}
        . It is not lowered before renewal.
      </p>
      <p>
        {canManage ? (
          <>
            <Link className="underline" href={`/portals/${portalId}#contract`}>
              Update the contract
            </Link>{" "}
            once HubSpot&apos;s invoice confirms the new tier, so projections and costs use it.
          </>
        ) : (
          "Someone with billing rights should update the contract once HubSpot's invoice confirms the new tier."
        )}
      </p>
    </Alert>
  );
}
