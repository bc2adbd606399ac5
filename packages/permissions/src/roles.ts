/**
 * Roles. An agency membership carries one agency role; a `member` sees nothing by itself and
 * gets portal roles through per-portal grants.
 */
export const agencyRoles = ["owner", "admin", "member", "billing"] as const;
export type AgencyRole = (typeof agencyRoles)[number];

export const portalRoles = ["manager", "analyst", "client"] as const;
export type PortalRole = (typeof portalRoles)[number];

/** Every role a person can act as, for tables and tests. */
export const allRoles = ["owner", "admin", "billing", "manager", "analyst", "client"] as const;
export type Role = (typeof allRoles)[number];

/** Higher number = more privileged; used only to order roles in the UI, never to authorize. */
export const agencyRoleRank: Record<AgencyRole, number> = { owner: 3, admin: 2, billing: 1, member: 0 };
