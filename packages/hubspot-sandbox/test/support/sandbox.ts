import { Client } from "@hubspot/api-client";

import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/index";
import { contractRecorder } from "./openapi";

export const START_AT = Date.UTC(2026, 5, 10, 12, 0, 0);

/** Starts a small sandbox on a random port with every response checked against HubSpot's specs. */
export async function startTestSandbox(
  options: SandboxOptions = {},
): Promise<{ sandbox: Sandbox; problems: string[]; checked: Set<string> }> {
  const contract = contractRecorder();
  const sandbox = await startSandbox({
    preset: "small",
    seed: 7,
    startAt: START_AT,
    importStepMs: 10,
    recorder: contract.recorder,
    ...options,
  });
  return { sandbox, problems: contract.problems, checked: contract.validator.checked };
}

export function clientFor(sandbox: Sandbox, accessToken: string): Client {
  return new Client({ accessToken, basePath: sandbox.url });
}

export function clientPortals(sandbox: Sandbox) {
  return sandbox.admin.listPortals().filter((p) => !p.partner);
}
