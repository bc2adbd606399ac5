import { describe, expect, it } from "vitest";

import { can, canAnywhere, type Actor } from "./can";
import { permissions, type Permission } from "./registry";
import { allRoles, type Role } from "./roles";

/**
 * The permission table of docs/permissions.md, copied by hand (not derived from the registry) so
 * that a change to the registry that disagrees with the documented table fails here. "all" and "granted" for
 * portal.view both mean: holds it on the portal in question.
 */
const productTable: Record<Exclude<Permission, "agency.view">, Role[]> = {
  "portal.view": ["owner", "admin", "manager", "analyst", "billing", "client"],
  "portal.connect": ["owner", "admin"],
  "portal.remove": ["owner", "admin"],
  "integrations.view": ["owner", "admin", "manager", "analyst", "client"],
  "integrations.managePolicy": ["owner", "admin", "manager"],
  "contacts.view": ["owner", "admin", "manager", "analyst", "client"],
  // Not the client: requests come from the agency's team (docs/permissions.md).
  "marketingStatus.request": ["owner", "admin", "manager"],
  "marketingStatus.approve": ["owner", "admin", "billing"],
  "billing.view": ["owner", "admin", "manager", "analyst", "billing"],
  "billing.manage": ["owner", "admin", "billing"],
  "alerts.manage": ["owner", "admin", "manager", "billing"],
  "members.manage": ["owner", "admin"],
  "audit.view": ["owner", "admin", "billing"],
};

const PORTAL = "portal-1";
const OTHER_PORTAL = "portal-2";

function actorFor(role: Role): Actor {
  if (role === "manager" || role === "analyst" || role === "client") {
    return { agencyRole: "member" as const, portalRoles: { [PORTAL]: role } };
  }
  return { agencyRole: role, portalRoles: {} };
}

describe("permission registry matches docs/permissions.md, cell by cell", () => {
  for (const [permission, allowed] of Object.entries(productTable)) {
    for (const role of allRoles) {
      const expected = allowed.includes(role);
      it(`${role} ${expected ? "may" : "may not"} ${permission} on a granted portal`, () => {
        expect(can(actorFor(role), permission, PORTAL)).toBe(expected);
      });
    }
  }

  it("covers every registered permission except agency.view", () => {
    expect(Object.keys(productTable).sort()).toEqual(permissions.filter((p) => p !== "agency.view").sort());
  });
});

describe("portal roles stay on their portal", () => {
  for (const role of ["manager", "analyst", "client"] as const) {
    it(`${role} holds nothing on a portal without a grant`, () => {
      // agency.view is every member's by their agency role, whatever their grants.
      for (const permission of permissions.filter((p) => p !== "agency.view"))
        expect(can(actorFor(role), permission, OTHER_PORTAL)).toBe(false);
    });
    it(`${role} holds nothing agency-wide`, () => {
      for (const permission of permissions) {
        if (permission === "agency.view") continue;
        expect(can(actorFor(role), permission)).toBe(false);
      }
    });
  }
});

describe("fails closed", () => {
  it("refuses unknown permissions", () => {
    expect(can(actorFor("owner"), "portal.destroyEverything", PORTAL)).toBe(false);
    expect(can(actorFor("owner"), "__proto__", PORTAL)).toBe(false);
  });
  it("refuses a missing actor or agency role", () => {
    expect(can(null, "portal.view", PORTAL)).toBe(false);
    expect(can(undefined, "portal.view", PORTAL)).toBe(false);
    expect(can({ agencyRole: null, portalRoles: { [PORTAL]: "manager" } }, "portal.view", PORTAL)).toBe(false);
  });
  it("does not read grants through the prototype chain", () => {
    expect(can({ agencyRole: "member", portalRoles: {} }, "portal.view", "toString")).toBe(false);
  });
  it("accepts grants as a Map", () => {
    const actor = { agencyRole: "member" as const, portalRoles: new Map([[PORTAL, "manager" as const]]) };
    expect(can(actor, "integrations.managePolicy", PORTAL)).toBe(true);
    expect(can(actor, "integrations.managePolicy", OTHER_PORTAL)).toBe(false);
  });
});

describe("canAnywhere", () => {
  it("is true for a manager on some granted portal and false for a member with no grants", () => {
    expect(canAnywhere(actorFor("manager"), "contacts.view")).toBe(true);
    expect(canAnywhere({ agencyRole: "member", portalRoles: {} }, "contacts.view")).toBe(false);
    expect(canAnywhere(actorFor("client"), "billing.view")).toBe(false);
  });
});
