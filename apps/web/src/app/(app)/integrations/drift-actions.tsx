import { contactsHref, requestNonMarketingHref } from "~/lib/contacts-url";
import Link from "next/link";

import type { ContactFilter } from "@marketable/api/validation";
import { formatContractDay, formatNumber } from "@marketable/ui/format";

/**
 * What to do about a drift: see the contacts behind it (the link's count is the Contacts page's),
 * request non-marketing for them (the request dialog opens on that filter), or fix the switch in
 * the portal's HubSpot settings.
 */
export function DriftActions({
  portalId,
  appLabel,
  contacts,
  settingsUrl,
  canRequest,
}: {
  portalId: string;
  appLabel: string;
  contacts: { filter: ContactFilter; count: number } | null;
  settingsUrl: string | null;
  canRequest: boolean;
}) {
  const since = contacts?.filter.createdFrom ? ` since ${formatContractDay(contacts.filter.createdFrom)}` : "";
  return (
    <ul className="space-y-0.5 text-xs" aria-label={`What to do about ${appLabel}'s drift`}>
      {contacts ? (
        <li>
          <Link className="underline" href={contactsHref(portalId, contacts.filter)} data-testid="drift-contacts-link">
            Show these {formatNumber(contacts.count)} contacts
          </Link>
          <span className="text-muted-foreground">
            {" "}
            ({contacts.filter.status === "marketing" ? "marketing" : "non-marketing"}, created{since})
          </span>
        </li>
      ) : null}
      {contacts && canRequest && contacts.filter.status === "marketing" && contacts.count > 0 ? (
        <li>
          <Link className="underline" href={requestNonMarketingHref(portalId, contacts.filter)}>
            Request non-marketing for them
          </Link>
        </li>
      ) : null}
      {settingsUrl ? (
        <li>
          <a className="underline" href={settingsUrl} target="_blank" rel="noreferrer">
            Fix in HubSpot settings
          </a>
        </li>
      ) : null}
    </ul>
  );
}
