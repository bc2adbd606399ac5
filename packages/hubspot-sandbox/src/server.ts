import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import Fastify, { type FastifyInstance } from "fastify";

import { authenticate } from "./auth";
import { type SandboxContext } from "./context";
import { rateLimitBody } from "./rateLimit";
import { accountRoutes } from "./routes/accountInfo";
import { adminRoutes } from "./routes/admin";
import { batchRoutes } from "./routes/batch";
import { contactRoutes } from "./routes/contacts";
import { importRoutes } from "./routes/imports";
import { oauthRoutes } from "./routes/oauth";
import { propertyRoutes } from "./routes/properties";
import { searchRoutes } from "./routes/search";
import { webhookApiRoutes } from "./routes/webhooksApi";
import { errorBody, HubSpotError } from "./util/errors";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Builds the HTTP server: hooks for auth, rate limits and faults, then every route module. */
export async function buildServer(ctx: SandboxContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    // The SDK calls `/crm/v3/owners/` and `/crm/v3/imports/` with a trailing slash.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    bodyLimit: 64 * 1024 * 1024,
  });
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: 512 * 1024 * 1024, files: 1 } });

  // Auth, then the app's rate limits, then injected faults: the order HubSpot's edge applies them.
  app.addHook("onRequest", async (request, reply) => {
    const config = request.routeOptions.config;
    const scope = config.scope;
    if (!scope) return;
    authenticate(ctx.state, request, scope);
    const { grant, portal } = request;
    if (!grant || !portal) return;
    const decision = ctx.limiter.check(
      portal.hubId,
      grant.appId,
      portal.edition,
      config.search === true,
      Date.now(),
      ctx.state.now(),
      grant.kind,
    );
    reply.headers(decision.headers);
    if (decision.refusal) throw new HubSpotError(429, decision.refusal.body);

    const decided = ctx.faults.decide(
      request.method,
      request.url.split("?")[0] ?? "",
      `${request.method} ${request.routeOptions.url ?? ""}`,
    );
    if (!decided) return;
    const fault = decided.kind;
    if (fault === "slow") {
      await sleep(decided.rule.slowMs);
      return;
    }
    if (fault === "drop") {
      request.raw.socket.destroy();
      return reply.hijack();
    }
    if (fault === "429") {
      throw new HubSpotError(429, rateLimitBody("You have reached your ten_secondly_rolling limit.", "TEN_SECONDLY_ROLLING"));
    }
    throw new HubSpotError(Number(fault), errorBody("INTERNAL_ERROR", "internal error (injected by the sandbox)"));
  });

  if (ctx.recorder) {
    const recorder = ctx.recorder;
    app.addHook("onSend", async (request, reply, payload) => {
      recorder({
        method: request.method,
        url: request.url,
        routeUrl: request.routeOptions.url ?? "",
        statusCode: reply.statusCode,
        contentType: String(reply.getHeader("content-type") ?? ""),
        body: typeof payload === "string" ? payload : "",
        ...(request.grant ? { hubId: request.grant.hubId, tokenKind: request.grant.kind } : {}),
      });
      return payload;
    });
  }

  app.setErrorHandler(async (error, _request, reply) => {
    if (error instanceof HubSpotError) {
      return reply.code(error.statusCode).headers(error.headers).send(error.body);
    }
    const e = error as { statusCode?: number; message?: string };
    const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
    const message = e.message ?? "internal error";
    return reply.code(status).send(errorBody(status === 500 ? "INTERNAL_ERROR" : "VALIDATION_ERROR", message));
  });
  app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send(errorBody("OBJECT_NOT_FOUND", `No route for ${request.method} ${request.url.split("?")[0] ?? ""}`)),
  );

  contactRoutes(app, ctx);
  batchRoutes(app, ctx);
  searchRoutes(app, ctx);
  propertyRoutes(app, ctx);
  accountRoutes(app, ctx);
  oauthRoutes(app, ctx);
  importRoutes(app, ctx);
  webhookApiRoutes(app, ctx);
  adminRoutes(app, ctx);
  return app;
}
