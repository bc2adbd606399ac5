import { isPermission, permissionRegistry, type Permission } from "./registry";
import type { AgencyRole, PortalRole } from "./roles";

/** What the server knows about a person when it decides: always re-read from the database. */
export interface Actor {
  agencyRole: AgencyRole | null;
  /** Portal grants of this person in the same agency, by portal id. */
  portalRoles: ReadonlyMap<string, PortalRole> | Record<string, PortalRole>;
}

function isGrantMap(roles: Actor["portalRoles"]): roles is ReadonlyMap<string, PortalRole> {
  return roles instanceof Map;
}

function portalRoleOf(actor: Actor, portalId: string): PortalRole | undefined {
  const roles = actor.portalRoles;
  if (isGrantMap(roles)) return roles.get(portalId);
  // hasOwn: a portal id such as "toString" must not find a grant on Object.prototype.
  return Object.hasOwn(roles, portalId) ? roles[portalId] : undefined;
}

/**
 * May `actor` use `permission`, agency-wide (no portal) or on one portal?
 * Fails closed: unknown permissions, missing roles and malformed input all return false.
 */
export function can(actor: Actor | null | undefined, permission: string, portalId?: string): boolean {
  if (!actor || !isPermission(permission)) return false;
  const rule = permissionRegistry[permission];
  const agencyRole = actor.agencyRole;
  if (agencyRole === null) return false;
  if ((rule.agency as readonly AgencyRole[]).includes(agencyRole)) return true;
  if (portalId === undefined) return false;
  const portalRole = portalRoleOf(actor, portalId);
  return portalRole !== undefined && (rule.portal as readonly PortalRole[]).includes(portalRole);
}

/** Does the actor hold the permission on *some* portal (used to show a nav item)? */
export function canAnywhere(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  if (can(actor, permission)) return true;
  const ids = isGrantMap(actor.portalRoles) ? [...actor.portalRoles.keys()] : Object.keys(actor.portalRoles);
  return ids.some((id) => can(actor, permission, id));
}
