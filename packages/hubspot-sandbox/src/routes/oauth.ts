import { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";

import { type SandboxContext } from "../context";
import { ACCESS_TOKEN_TTL_MS } from "../state/tokens";
import { errorBody } from "../util/errors";
import { bodyOf, paramOf, queryOf } from "./requestHelpers";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** OAuth token errors: HubSpot's status codes (BAD_AUTH_CODE...) alongside RFC 6749's `error`. */
function oauthError(reply: FastifyReply, status: string, error: string, message: string, httpStatus = 400): FastifyReply {
  return reply.code(httpStatus).send({ ...errorBody(status, message), status, error, error_description: message });
}

function scopeList(raw: string): string[] {
  return raw.split(/[\s+,]+/).filter((s) => s.length > 0);
}

/** OAuth 2: the authorize page, the token endpoint (v1, plus v3's path), introspection, refresh-token revocation. */
export function oauthRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const { state } = ctx;

  app.get("/oauth/authorize", async (request, reply) => {
    const q = queryOf(request);
    const oauthApp = state.appByClientId(str(q.client_id));
    if (!oauthApp) return reply.code(400).type("text/html").send("<!doctype html><title>Error</title><h1>Unknown client_id</h1>");
    const redirectUri = str(q.redirect_uri);
    if (!redirectUri || (oauthApp.redirectUris.length > 0 && !oauthApp.redirectUris.includes(redirectUri))) {
      return reply.code(400).type("text/html").send("<!doctype html><title>Error</title><h1>Invalid redirect_uri</h1>");
    }
    const scopes = [...scopeList(str(q.scope)), ...scopeList(str(q.optional_scope))];
    const portals = [...state.portals.values()];
    const hidden = (name: string, value: string): string => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Connect ${escapeHtml(oauthApp.name)} to HubSpot (sandbox)</title></head>
<body>
<main>
<h1>Connect ${escapeHtml(oauthApp.name)}</h1>
<p>${escapeHtml(oauthApp.name)} asks for: ${scopes.map(escapeHtml).join(", ") || "no scopes"}.</p>
<form method="post" action="/oauth/authorize">
${hidden("client_id", oauthApp.clientId)}${hidden("redirect_uri", redirectUri)}${hidden("scope", scopes.join(" "))}${hidden("state", str(q.state))}
<label for="portal">Portal</label>
<select id="portal" name="hubId">
${portals.map((p) => `<option value="${p.hubId}">${escapeHtml(p.name)} (${p.hubId})</option>`).join("\n")}
</select>
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
</main>
</body></html>`;
    return reply.type("text/html; charset=utf-8").send(html);
  });

  app.post("/oauth/authorize", async (request, reply) => {
    const b = bodyOf(request);
    const oauthApp = state.appByClientId(str(b.client_id));
    const redirectUri = str(b.redirect_uri);
    if (!oauthApp || !redirectUri) return reply.code(400).type("text/html").send("<h1>Invalid authorization request</h1>");
    const target = new URL(redirectUri);
    if (str(b.state)) target.searchParams.set("state", str(b.state));
    if (b.decision !== "approve") {
      target.searchParams.set("error", "access_denied");
      target.searchParams.set("error_description", "The user denied access");
      return reply.redirect(target.toString(), 302);
    }
    const hubId = Number(b.hubId);
    const portal = state.portal(hubId);
    if (!portal) return reply.code(400).type("text/html").send("<h1>Unknown portal</h1>");
    // Approving installs the app in the portal, like HubSpot's install flow (switch off by default).
    if (!portal.apps.has(oauthApp.appId)) {
      portal.apps.set(oauthApp.appId, { appId: oauthApp.appId, installedAt: state.now(), marketingSwitch: false, switchHistory: [] });
    }
    const owner = portal.owners[0];
    const code = state.tokens.issueCode(
      {
        hubId,
        appId: oauthApp.appId,
        clientId: oauthApp.clientId,
        scopes: scopeList(str(b.scope)),
        userId: owner?.userId ?? 1,
        user: owner?.email ?? `admin@${portal.domain}`,
        redirectUri,
      },
      state.now(),
    );
    target.searchParams.set("code", code);
    return reply.redirect(target.toString(), 302);
  });

  const tokenHandler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const b = bodyOf(request);
    const oauthApp = state.appByClientId(str(b.client_id));
    if (!oauthApp || oauthApp.clientSecret !== str(b.client_secret)) {
      return oauthError(reply, "BAD_CLIENT_ID", "invalid_client", "missing or invalid client_id or client_secret", 401);
    }
    const now = state.now();
    let grant;
    let refreshToken: string;
    if (b.grant_type === "authorization_code") {
      const code = state.tokens.consumeCode(str(b.code), now);
      if (!code || code.clientId !== oauthApp.clientId)
        return oauthError(reply, "BAD_AUTH_CODE", "invalid_grant", "missing or unknown auth code");
      if (code.redirectUri !== str(b.redirect_uri))
        return oauthError(reply, "BAD_REDIRECT_URI", "invalid_grant", "redirect_uri does not match");
      grant = code;
      refreshToken = state.tokens.issueRefreshToken(code);
    } else if (b.grant_type === "refresh_token") {
      refreshToken = str(b.refresh_token);
      const found = state.tokens.refreshGrant(refreshToken);
      if (!found || found.clientId !== oauthApp.clientId) {
        return oauthError(reply, "BAD_REFRESH_TOKEN", "invalid_grant", "missing or unknown refresh token");
      }
      if (!state.portal(found.hubId)) return oauthError(reply, "BAD_REFRESH_TOKEN", "invalid_grant", "the portal was removed");
      grant = found;
    } else {
      return oauthError(reply, "BAD_GRANT_TYPE", "unsupported_grant_type", `unsupported grant_type: ${str(b.grant_type)}`);
    }
    const { token } = state.tokens.issueAccessToken(
      { hubId: grant.hubId, appId: grant.appId, scopes: grant.scopes, userId: grant.userId, user: grant.user },
      now,
    );
    return reply.send({
      token_type: "bearer",
      access_token: token,
      refresh_token: refreshToken,
      expires_in: ACCESS_TOKEN_TTL_MS / 1000,
      token_use: "access_token",
      hub_id: grant.hubId,
      user_id: grant.userId,
      scopes: grant.scopes,
    });
  };
  app.post("/oauth/v1/token", tokenHandler);
  app.post("/oauth/v3/token", tokenHandler);
  app.post("/oauth/2026-03/token", tokenHandler);

  app.get("/oauth/v1/access-tokens/:token", async (request, reply) => {
    const token = paramOf(request, "token");
    const g = state.tokens.lookup(token);
    const now = state.now();
    if (!g || g.kind !== "oauth" || g.expiresAt <= now) {
      return reply.code(404).send({ ...errorBody("EXPIRED_AUTHENTICATION", "The OAuth token is expired or unknown"), status: "error" });
    }
    const portal = state.portal(g.hubId);
    return {
      token,
      user: g.user,
      hub_domain: portal?.domain ?? "",
      scopes: g.scopes,
      hub_id: g.hubId,
      app_id: g.appId,
      expires_in: Math.floor((g.expiresAt - now) / 1000),
      user_id: g.userId,
      token_type: "access",
      is_private_distribution: false,
    };
  });

  app.get("/oauth/v1/refresh-tokens/:token", async (request, reply) => {
    const token = paramOf(request, "token");
    const g = state.tokens.refreshGrant(token);
    if (!g) return reply.code(404).send(errorBody("NOT_FOUND", "refresh token not found"));
    return {
      token,
      user: g.user,
      hub_domain: state.portal(g.hubId)?.domain ?? "",
      scopes: g.scopes,
      hub_id: g.hubId,
      client_id: g.clientId,
      user_id: g.userId,
      token_type: "refresh",
    };
  });

  app.delete("/oauth/v1/refresh-tokens/:token", async (request, reply) => {
    if (!state.tokens.revokeRefreshToken(paramOf(request, "token"))) {
      return reply.code(404).send(errorBody("NOT_FOUND", "refresh token not found"));
    }
    return reply.code(204).send();
  });
}
