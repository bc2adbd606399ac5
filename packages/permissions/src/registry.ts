import type { AgencyRole, PortalRole } from "./roles";

/**
 * The permission registry: the table of docs/permissions.md, stated once, as data.
 *
 * `agency` lists the agency roles that hold the permission on *every* portal of the agency
 * (and for agency-scoped actions). `portal` lists the portal roles that hold it on a portal they
 * were granted. Anything not listed is refused: checks fail closed.
 */
export const permissionRegistry = {
  "portal.view": { agency: ["owner", "admin", "billing"], portal: ["manager", "analyst", "client"] },
  "portal.connect": { agency: ["owner", "admin"], portal: [] },
  "portal.remove": { agency: ["owner", "admin"], portal: [] },
  "integrations.view": { agency: ["owner", "admin"], portal: ["manager", "analyst", "client"] },
  "integrations.managePolicy": { agency: ["owner", "admin"], portal: ["manager"] },
  "contacts.view": { agency: ["owner", "admin"], portal: ["manager", "analyst", "client"] },
  // Not the client: requests come from the agency's team (docs/permissions.md). A client views
  // contacts and integrations only.
  "marketingStatus.request": { agency: ["owner", "admin"], portal: ["manager"] },
  "marketingStatus.approve": { agency: ["owner", "admin", "billing"], portal: [] },
  "billing.view": { agency: ["owner", "admin", "billing"], portal: ["manager", "analyst"] },
  "billing.manage": { agency: ["owner", "admin", "billing"], portal: [] },
  "alerts.manage": { agency: ["owner", "admin", "billing"], portal: ["manager"] },
  "members.manage": { agency: ["owner", "admin"], portal: [] },
  "audit.view": { agency: ["owner", "admin", "billing"], portal: [] },
  /** Every member may read their own agency's basic facts (name, their role, the nav). */
  "agency.view": { agency: ["owner", "admin", "billing", "member"], portal: [] },
} as const satisfies Record<string, { agency: readonly AgencyRole[]; portal: readonly PortalRole[] }>;

export type Permission = keyof typeof permissionRegistry;

export const permissions = Object.keys(permissionRegistry) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(permissionRegistry, value);
}
