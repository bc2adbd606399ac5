import Link from "next/link";

import { Alert } from "@marketable/ui/alert";
import { Badge } from "@marketable/ui/badge";

/**
 * A portal added by connecting it to HubSpot has placeholder contract fields (HubSpot's API says
 * nothing about the contract): every cost, projection and tier figure is a guess until someone
 * with billing rights saves the real contract, which clears this.
 */
export function ContractUnconfirmedNotice({ portalId, canManage }: { portalId: string; canManage: boolean }) {
  return (
    <Alert variant="warning" title="Contract not confirmed" data-testid="contract-unconfirmed">
      <p>
        This portal was added by connecting it to HubSpot, which does not share contract details. Its edition, contact tier, billing term
        and renewal date are placeholders, so the costs and projections shown for it are estimates.
      </p>
      <p>
        {canManage ? (
          <>
            <Link className="underline" href={`/portals/${portalId}#contract`}>
              Confirm the contract
            </Link>{" "}
            from the client&apos;s HubSpot invoice or order form.
          </>
        ) : (
          "Someone with billing rights should confirm it from the client's HubSpot invoice or order form."
        )}
      </p>
    </Alert>
  );
}

/** The roll-up's short form of the same notice, beside the portal's name. */
export function ContractUnconfirmedBadge() {
  return (
    <Badge
      variant="warning"
      title="Placeholder contract from connecting: costs are estimates until someone with billing rights confirms it"
    >
      Contract to confirm
    </Badge>
  );
}
