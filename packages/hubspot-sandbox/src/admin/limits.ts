import { type SandboxContext } from "../context";
import { FAULT_KINDS, type FaultKind, type FaultRule } from "../faults";
import { type Portal } from "../state/portal";
import { validationError } from "../util/errors";

/* Fault injection and rate limits, as the admin API sets them. */

export function setFaults(ctx: SandboxContext, input: { rules?: Partial<FaultRule>[] } & Partial<FaultRule>): FaultRule[] {
  const raw = input.rules ?? [input];
  const rules = raw.map((r): FaultRule => {
    const kinds = (r.kinds ?? ["429", "500"]).map(String) as FaultKind[];
    for (const k of kinds) if (!FAULT_KINDS.includes(k)) throw validationError(`Unknown fault kind ${k}; use ${FAULT_KINDS.join(", ")}`);
    const rate = Number(r.rate ?? 0);
    if (!(rate >= 0 && rate <= 1)) throw validationError("rate must be between 0 and 1");
    return { rate, kinds, endpoints: r.endpoints ?? ["*"], seed: Number(r.seed ?? ctx.state.seed), slowMs: Number(r.slowMs ?? 2000) };
  });
  ctx.faults.set(rules);
  return rules;
}

/**
 * `perWindow` and `daily` are a portal's private-app limits, `oauthPerWindow` its OAuth installs'
 * (110 by default); `otherAppsToday` sets the calls the client's other private apps made today,
 * which count against the same daily limit (put a portal near its limit without sending them).
 */
export function setRateLimits(
  ctx: SandboxContext,
  portal: (hubId: number) => Portal,
  input: {
    enabled?: boolean;
    windowMs?: number;
    searchPerSecond?: number;
    hubId?: number;
    perWindow?: number;
    daily?: number;
    oauthPerWindow?: number;
    otherAppsToday?: number;
  },
): unknown {
  const s = ctx.limiter.settings;
  if (input.enabled !== undefined) s.enabled = input.enabled;
  if (input.windowMs !== undefined) s.windowMs = input.windowMs;
  if (input.hubId !== undefined) {
    portal(input.hubId);
    const o = s.overrides.get(input.hubId) ?? {};
    if (input.perWindow !== undefined) o.perWindow = input.perWindow;
    if (input.daily !== undefined) o.daily = input.daily;
    if (input.oauthPerWindow !== undefined) o.oauthPerWindow = input.oauthPerWindow;
    if (input.otherAppsToday !== undefined) {
      if (!Number.isInteger(input.otherAppsToday) || input.otherAppsToday < 0)
        throw validationError("otherAppsToday must be a non-negative integer");
      ctx.limiter.setOtherAppsUsage(input.hubId, input.otherAppsToday, ctx.state.now());
    }
    if (input.searchPerSecond !== undefined) o.searchPerSecond = input.searchPerSecond;
    s.overrides.set(input.hubId, o);
  } else if (input.searchPerSecond !== undefined) {
    s.searchPerSecond = input.searchPerSecond;
  }
  return rateLimits(ctx);
}

export function clearRateLimits(ctx: SandboxContext): unknown {
  const s = ctx.limiter.settings;
  s.overrides.clear();
  s.windowMs = 10_000;
  s.searchPerSecond = 4;
  ctx.limiter.reset();
  return rateLimits(ctx);
}

export function rateLimits(ctx: SandboxContext): unknown {
  const s = ctx.limiter.settings;
  return { enabled: s.enabled, windowMs: s.windowMs, searchPerSecond: s.searchPerSecond, overrides: Object.fromEntries(s.overrides) };
}
