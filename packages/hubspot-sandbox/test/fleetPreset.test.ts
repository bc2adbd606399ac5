import { describe, expect, it } from "vitest";

import { presetPortals } from "../src/generator/presets";
import { PRODUCT_APP, startSandbox } from "../src/index";

describe("fleet preset", () => {
  it("500 client portals, heavy-tailed (a few of 300,000, most 2,000–20,000, about 5 million), every edition and both connection kinds", () => {
    const specs = presetPortals("fleet");
    expect(specs).toHaveLength(500);
    const sizes = specs.map((s) => s.contacts);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(4_500_000);
    expect(total).toBeLessThan(5_500_000);
    expect(sizes.filter((n) => n === 300_000).length).toBeGreaterThanOrEqual(3);
    expect(sizes.filter((n) => n >= 2_000 && n <= 20_000).length).toBeGreaterThan(450);
    expect(new Set(specs.map((s) => s.name)).size).toBe(500);
    expect(new Set(specs.map((s) => s.domain)).size).toBe(500);
    for (const kind of ["oauth", "private-app"] as const) {
      const editions = new Set(specs.filter((s) => s.connection === kind).map((s) => s.edition));
      expect([...editions].sort()).toEqual(["enterprise", "professional", "starter"]);
    }
    expect(new Set(specs.map((s) => s.billingTerm))).toEqual(new Set(["monthly", "yearly"]));
    expect(specs.every((s) => (s.activity?.contactsPerDay ?? 0) > 0 && (s.activity?.changesPerDay ?? 0) > 0)).toBe(true);
  });

  it("is deterministic, and a smaller scale keeps its shape", () => {
    expect(presetPortals("fleet")).toEqual(presetPortals("fleet"));
    const small = presetPortals("fleet", { fleetPortals: 12 });
    expect(small).toHaveLength(12);
    expect(Math.min(...small.map((s) => s.contacts))).toBeGreaterThanOrEqual(2_000);
  });

  it("OAuth portals have the product app installed, and contacts are created and changed as the clock runs", async () => {
    const sandbox = await startSandbox({ preset: "fleet", fleetPortals: 3, seed: 7, limits: false, startAt: Date.UTC(2026, 5, 1) });
    try {
      const clients = sandbox.admin.listPortals().filter((p) => !p.partner);
      expect(clients).toHaveLength(3);
      const specs = presetPortals("fleet", { fleetPortals: 3 });
      clients.forEach((p, i) => expect(p.apps.some((a) => a.appId === PRODUCT_APP.appId)).toBe(specs[i]!.connection === "oauth"));
      const portal = sandbox.state.portals.get(clients[0]!.hubId)!;
      const before = portal.contacts.nextId;
      const start = sandbox.state.now();
      sandbox.admin.advance({ days: 1 });
      const created = portal.contacts.nextId - before;
      expect(created).toBeGreaterThanOrEqual(specs[0]!.activity!.contactsPerDay - 1);
      let changed = 0;
      for (let id = 1; id < before; id++) if ((portal.contacts.get(id)?.updatedAt ?? 0) > start) changed++;
      // Random picks may repeat: most of the day's changes land on distinct contacts.
      expect(changed).toBeGreaterThan(specs[0]!.activity!.changesPerDay * 0.8);
    } finally {
      await sandbox.close();
    }
  });
});
