import { type SandboxState } from "./state/sandboxState";

// Placeholder until snapshots land: nothing is loaded or saved.
export async function loadSnapshot(_path: string, _state: SandboxState): Promise<boolean> {
  return false;
}

export async function saveSnapshot(_path: string, _state: SandboxState): Promise<void> {
  return;
}
