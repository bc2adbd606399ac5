import { type AddressInfo } from "node:net";

import { type FastifyInstance } from "fastify";

import { AdminService } from "./admin";
import { watchContacts, watchRequests } from "./changeWatch";
import { type RecordedResponse, type SandboxContext } from "./context";
import { FaultInjector } from "./faults";
import { generateAgency, type AgencyGeneration } from "./generator/demo";
import { PRODUCT_APP, type PresetName } from "./generator/presets";
import { defaultRateLimitSettings, RateLimiter } from "./rateLimit";
import { buildServer } from "./server";
import { loadSnapshot } from "./snapshot";
import { SnapshotKeeper } from "./snapshotKeeper";
import { SandboxState } from "./state/sandboxState";
import { DEFAULT_WEBHOOK_OPTIONS, WebhookDispatcher, type WebhookDeliveryOptions } from "./webhooks";

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  preset?: PresetName | "empty";
  /** The `fleet` preset's client portals (default 500): the same shape at a smaller scale. */
  fleetPortals?: number;
  /** Rate limits on (default) or off (demos, benchmarks). */
  limits?: boolean;
  /** Simulated clock start, ms since epoch (default: now). Fix it for reproducible dates. */
  startAt?: number;
  /**
   * Snapshot file: loaded at start if it exists, saved on demand, a moment after changes
   * (debounced: `snapshotDebounceMs`, default 2 s, at most `snapshotMaxDelayMs`, default 30 s,
   * after the first unsaved one) and on close.
   */
  snapshot?: string;
  snapshotDebounceMs?: number;
  snapshotMaxDelayMs?: number;
  /** Delay of each asynchronous import step (default 100 ms). */
  importStepMs?: number;
  webhooks?: Partial<WebhookDeliveryOptions>;
  /** Receives every response (contract tests validate raw bodies with it). */
  recorder?: (r: RecordedResponse) => void;
}

export interface Sandbox {
  /** Base URL for `new Client({ basePath: url })`, no trailing slash. */
  url: string;
  state: SandboxState;
  admin: AdminService;
  server: FastifyInstance;
  /** The product's OAuth app credentials. */
  oauth: { appId: number; clientId: string; clientSecret: string };
  generation: AgencyGeneration | null;
  /** Resolves when every queued webhook has been delivered or given up. */
  webhooksIdle(): Promise<void>;
  saveSnapshot(): Promise<string | null>;
  /** Stops serving, then writes the snapshot's last changes (if any). Idempotent. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 42;
  const preset = options.preset ?? "small";
  let state = new SandboxState(seed, options.startAt);
  let generation: AgencyGeneration | null = null;
  const loaded = options.snapshot ? await loadSnapshot(options.snapshot, state) : false;
  if (!loaded && preset !== "empty") generation = generateAgency(state, preset, { fleetPortals: options.fleetPortals });

  // Reads the current state through ctx: an admin reset replaces it.
  const keeper = options.snapshot
    ? new SnapshotKeeper(options.snapshot, () => ctx.state, {
        debounceMs: options.snapshotDebounceMs,
        maxDelayMs: options.snapshotMaxDelayMs,
      })
    : null;
  // A freshly generated preset is saved too: the next start finds the same "HubSpot".
  if (keeper && !loaded) keeper.markChanged();

  const limiter = new RateLimiter(defaultRateLimitSettings(options.limits !== false));
  const faults = new FaultInjector();
  const ctx: SandboxContext = {
    state,
    limiter,
    faults,
    webhooks: new WebhookDispatcher(state, { ...DEFAULT_WEBHOOK_OPTIONS, ...options.webhooks }),
    importStepMs: options.importStepMs ?? 100,
    recorder: options.recorder,
    reset: () => {
      ctx.webhooks.close();
      state = new SandboxState(seed, options.startAt);
      if (preset !== "empty") generation = generateAgency(state, preset, { fleetPortals: options.fleetPortals });
      ctx.state = state;
      ctx.webhooks = new WebhookDispatcher(state, { ...DEFAULT_WEBHOOK_OPTIONS, ...options.webhooks });
      limiter.reset();
      faults.clear();
      if (keeper) watchContacts(state, () => keeper.markChanged());
    },
    saveSnapshot: async () => {
      if (!keeper) return null;
      await keeper.save();
      return keeper.path;
    },
  };
  const server = await buildServer(ctx);
  if (keeper) {
    watchRequests(server, () => keeper.markChanged());
    watchContacts(state, () => keeper.markChanged());
  }
  await server.listen({ port: options.port ?? 0, host: options.host ?? "127.0.0.1" });
  const address = server.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const admin = new AdminService(ctx);
  const product = ctx.state.apps.get(PRODUCT_APP.appId);
  let closing: Promise<void> | undefined;

  return {
    url,
    get state() {
      return ctx.state;
    },
    admin,
    server,
    oauth: { appId: PRODUCT_APP.appId, clientId: product?.clientId ?? "", clientSecret: product?.clientSecret ?? "" },
    get generation() {
      return generation;
    },
    webhooksIdle: () => ctx.webhooks.idle(),
    saveSnapshot: () => ctx.saveSnapshot(),
    close: () => {
      closing ??= (async () => {
        ctx.webhooks.close();
        // Stop taking requests first, so the last save holds every change that was answered.
        await server.close();
        await keeper?.close();
      })();
      return closing;
    },
  };
}

export { AdminService } from "./admin";
export { SandboxState } from "./state/sandboxState";
export { signatureV3 } from "./webhooks";
export { privateAppToken } from "./generator/demo";
/** HubSpot's JSON for a stored contact (benches build "the same rows" without HTTP). */
export { toApiContact } from "./serialize";
export { fleetPortals, FLEET_PORTALS } from "./generator/fleet";
export { AGENCY_HUB_ID, FIRST_CLIENT_HUB_ID, PRODUCT_APP, DEMO_APPS, type PresetName } from "./generator/presets";
export type { RecordedResponse } from "./context";
export type { PortalSummary, AppSummary } from "./admin";
export type { FaultKind, FaultRule } from "./faults";
export { createRng, type Rng } from "./util/random";
