import { type FastifyRequest } from "fastify";

import { type SandboxState } from "./state/sandboxState";
import { errorBody, HubSpotError } from "./util/errors";

/**
 * Checks the bearer token (private-app or OAuth), that its portal still exists and that it holds
 * the route's scope. Refusals use HubSpot's categories: INVALID_AUTHENTICATION,
 * EXPIRED_AUTHENTICATION (401) and MISSING_SCOPES (403).
 */
export function authenticate(state: SandboxState, request: FastifyRequest, scope: string): void {
  const header = request.headers.authorization ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1]) {
    throw new HubSpotError(
      401,
      errorBody(
        "INVALID_AUTHENTICATION",
        "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
      ),
    );
  }
  const grant = state.tokens.lookup(match[1].trim());
  if (!grant) {
    throw new HubSpotError(
      401,
      errorBody("INVALID_AUTHENTICATION", "Authentication credentials not found. The access token is unknown or was revoked."),
    );
  }
  const now = state.now();
  if (grant.expiresAt <= now) {
    const minutes = Math.max(1, Math.round((now - grant.expiresAt) / 60_000));
    throw new HubSpotError(
      401,
      errorBody("EXPIRED_AUTHENTICATION", `The OAuth token used to make this call expired ${minutes} minute(s) ago.`),
    );
  }
  const portal = state.portal(grant.hubId);
  if (!portal) throw new HubSpotError(401, errorBody("INVALID_AUTHENTICATION", `The portal ${grant.hubId} no longer exists.`));
  if (!grant.scopes.includes(scope)) {
    throw new HubSpotError(
      403,
      errorBody(
        "MISSING_SCOPES",
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        {
          errors: [{ message: "One or more of the following scopes are required.", context: { requiredGranularScopes: [scope] } }],
          links: { "scopes-documentation": "https://developers.hubspot.com/scopes" },
        },
      ),
    );
  }
  request.grant = grant;
  request.portal = portal;
}
