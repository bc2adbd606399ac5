import { keyringFromEnv, type Db } from "@marketable/db";
import { startSandbox, type Sandbox, type SandboxOptions } from "@marketable/hubspot-sandbox";
import { logger } from "@marketable/logger";

import type { HubSpotSettings } from "../src/integrationSettings/hubspotSettings";
import type { JobScheduler } from "../src/jobs/scheduler";
import { createWorkerDeps, type WorkerDeps } from "../src/jobs/workerDeps";

/** The test keyring (MARKETABLE_ENCRYPTION_KEYS format): worker processes in tests get the same. */
export const SANDBOX_KEYS = `1:${Buffer.alloc(32, 7).toString("base64")}`;

/**
 * The bundled HubSpot sandbox in-process, and the settings that point the product at it.
 * `recorder` sees every response (the status-request bench counts API calls with it).
 */
export async function sandboxHubSpot(options: { limits?: boolean; recorder?: SandboxOptions["recorder"] } = {}) {
  const sandbox = await startSandbox({ preset: "small", seed: 7, port: 0, limits: options.limits ?? false, recorder: options.recorder });
  const settings = sandboxSettings(sandbox);
  const clientPortals = sandbox.admin.listPortals().filter((p) => !p.partner);
  return { sandbox, settings, clientPortals };
}

/** The settings that point the product at a sandbox (its OAuth app, the test keyring). */
export function sandboxSettings(sandbox: Sandbox): HubSpotSettings {
  return {
    apiBase: sandbox.url,
    authorizeUrl: `${sandbox.url}/oauth/authorize`,
    clientId: sandbox.oauth.clientId,
    clientSecret: sandbox.oauth.clientSecret,
    scopes: ["crm.objects.contacts.read", "crm.objects.contacts.write", "crm.import", "oauth"],
    redirectUri: "http://127.0.0.1:3999/api/hubspot/oauth/callback",
    keyring: keyringFromEnv(SANDBOX_KEYS),
  };
}

export type SandboxHub = Awaited<ReturnType<typeof sandboxHubSpot>>;

/** Records sync requests instead of queueing them: tests run the job themselves. */
export function recordingScheduler(): JobScheduler & { requests: { portalId: string; runId: string; kind: string }[] } {
  const requests: { portalId: string; runId: string; kind: string }[] = [];
  return {
    requests,
    async requestSync(input) {
      requests.push(input);
    },
  };
}

/** The worker's dependencies against the sandbox; its scheduler only records (tests run the jobs themselves). */
export function sandboxWorker(db: Db, hub: { settings: HubSpotSettings }, extra: Partial<WorkerDeps> = {}): WorkerDeps {
  return createWorkerDeps({ db, settings: hub.settings, log: logger, scheduler: recordingScheduler(), ...extra });
}
