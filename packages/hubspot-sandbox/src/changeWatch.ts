import { type FastifyInstance } from "fastify";

import { type SandboxState } from "./state/sandboxState";

/** Routes that take a body but change nothing a snapshot keeps (reads, tokens, the save itself). */
const NON_CHANGING_ROUTES = new Set([
  "/crm/v3/objects/contacts/search",
  "/crm/v3/objects/contacts/batch/read",
  "/oauth/authorize",
  "/oauth/v1/token",
  "/oauth/v3/token",
  "/oauth/2026-03/token",
  "/_sandbox/snapshot",
]);

/**
 * Calls `listener` after every answered request that may have changed the state (any method but
 * GET/HEAD/OPTIONS, on a route not known to be a read). Contact changes that happen later, such as
 * an import's rows, are reported by `watchContacts`.
 */
export function watchRequests(server: FastifyInstance, listener: () => void): void {
  server.addHook("onResponse", async (request, reply) => {
    if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return;
    if (reply.statusCode >= 400 || NON_CHANGING_ROUTES.has(request.routeOptions.url ?? "")) return;
    listener();
  });
}

/** Calls `listener` on every contact creation, property change and deletion in `state`. */
export function watchContacts(state: SandboxState, listener: () => void): void {
  state.onContactEvent(listener);
}
