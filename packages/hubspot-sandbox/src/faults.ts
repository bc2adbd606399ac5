import { createRng, seedFrom, type Rng } from "./util/random";

export type FaultKind = "429" | "500" | "502" | "503" | "504" | "slow" | "drop";
export const FAULT_KINDS: readonly FaultKind[] = ["429", "500", "502", "503", "504", "slow", "drop"];

export interface FaultRule {
  /** Share of matching requests that fail, 0..1. */
  rate: number;
  kinds: FaultKind[];
  /**
   * Which requests: "METHOD /path/prefix" or "/path/prefix" entries, `*` for all API calls.
   * e.g. ["GET /crm/v3/objects/contacts", "/crm/v3/imports"].
   */
  endpoints: string[];
  seed: number;
  /** Delay of a "slow" fault. */
  slowMs: number;
}

/**
 * Faults on demand. Each rule and endpoint has its own seeded random sequence, so the same requests
 * in the same order meet the same faults, whatever other endpoints are doing.
 */
export class FaultInjector {
  private rules: { rule: FaultRule; rngs: Map<string, Rng> }[] = [];

  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, rngs: new Map() }));
  }

  list(): FaultRule[] {
    return this.rules.map((r) => r.rule);
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * `routeKey` is "METHOD /route/pattern" so every contact id shares one sequence. The rule that
   * fired comes back too: a "slow" fault waits that rule's `slowMs`, not the first rule's.
   */
  decide(method: string, path: string, routeKey: string): { kind: FaultKind; rule: FaultRule } | null {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (!matches(rule.endpoints, method, path)) continue;
      let rng = entry.rngs.get(routeKey);
      if (!rng) {
        rng = createRng(seedFrom(rule.seed, routeKey));
        entry.rngs.set(routeKey, rng);
      }
      const roll = rng();
      const kindRoll = rng();
      const kind = roll < rule.rate ? rule.kinds[Math.floor(kindRoll * rule.kinds.length)] : undefined;
      if (kind) return { kind, rule };
    }
    return null;
  }
}

function matches(endpoints: string[], method: string, path: string): boolean {
  if (endpoints.length === 0) return true;
  return endpoints.some((e) => {
    if (e === "*") return true;
    const space = e.indexOf(" ");
    if (space > 0) {
      const m = e.slice(0, space).toUpperCase();
      return m === method.toUpperCase() && path.startsWith(e.slice(space + 1));
    }
    return path.startsWith(e);
  });
}
