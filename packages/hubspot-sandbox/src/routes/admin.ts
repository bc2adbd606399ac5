import { type FastifyInstance, type FastifyRequest } from "fastify";

import { AdminService } from "../admin";
import { type SandboxContext } from "../context";
import { validationError } from "../util/errors";
import { bodyOf, paramOf } from "./requestHelpers";

function num(request: FastifyRequest, name: string): number {
  const n = Number(paramOf(request, name));
  if (!Number.isInteger(n)) throw validationError(`${name} must be a number`);
  return n;
}

/** The admin API under /_sandbox/: no auth (the sandbox is for local use), JSON in and out. */
export function adminRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const admin = new AdminService(ctx);
  // Typed views of JSON bodies: AdminService validates the fields it uses.
  const body = <T>(request: FastifyRequest): T => bodyOf(request) as T;

  app.get("/_sandbox/info", async () => {
    const product = [...ctx.state.apps.values()].find((a) => a.kind === "product");
    return {
      seed: ctx.state.seed,
      now: new Date(ctx.state.now()).toISOString(),
      agency: ctx.state.agency,
      oauth: product ? { appId: product.appId, name: product.name, clientId: product.clientId, clientSecret: product.clientSecret } : null,
    };
  });
  app.get("/_sandbox/portals", async () => ({ results: admin.listPortals() }));
  app.post("/_sandbox/portals", async (request, reply) => {
    reply.code(201);
    return admin.createPortal(body(request));
  });
  app.get("/_sandbox/portals/:hubId", async (request) => admin.summarize(admin.portal(num(request, "hubId"))));
  app.delete("/_sandbox/portals/:hubId", async (request, reply) => {
    admin.deletePortal(num(request, "hubId"));
    return reply.code(204).send();
  });
  app.post("/_sandbox/portals/:hubId/contacts", async (request, reply) => {
    reply.code(201);
    return admin.createContacts(num(request, "hubId"), body(request));
  });
  app.post("/_sandbox/portals/:hubId/contacts/generate", async (request) =>
    admin.generate(num(request, "hubId"), Number(body<{ count?: number }>(request).count)),
  );
  app.post("/_sandbox/portals/:hubId/contacts/:contactId/marketing", async (request) =>
    admin.setContactMarketing(num(request, "hubId"), num(request, "contactId"), body<{ marketing?: boolean }>(request).marketing === true),
  );
  app.get("/_sandbox/portals/:hubId/billing-events", async (request) => ({ results: admin.portal(num(request, "hubId")).billingEvents }));
  app.post("/_sandbox/portals/:hubId/apps/:appId", async (request) =>
    admin.installApp(num(request, "hubId"), num(request, "appId"), body<{ marketing?: boolean }>(request).marketing === true),
  );
  app.delete("/_sandbox/portals/:hubId/apps/:appId", async (request, reply) => {
    admin.uninstallApp(num(request, "hubId"), num(request, "appId"));
    return reply.code(204).send();
  });
  app.post("/_sandbox/portals/:hubId/apps/:appId/switch", async (request) => {
    const { marketing } = body<{ marketing?: unknown }>(request);
    if (typeof marketing !== "boolean") throw validationError("marketing must be true or false");
    return admin.setSwitch(num(request, "hubId"), num(request, "appId"), marketing);
  });
  app.post("/_sandbox/portals/:hubId/apps/:appId/token", async (request) =>
    admin.mintToken(num(request, "hubId"), num(request, "appId"), body<{ scopes?: string[] }>(request).scopes),
  );
  app.post("/_sandbox/portals/:hubId/activity", async (request) => admin.addActivity(num(request, "hubId"), body(request)));
  app.delete("/_sandbox/portals/:hubId/activity", async (request, reply) => {
    admin.clearActivity(num(request, "hubId"));
    return reply.code(204).send();
  });

  app.get("/_sandbox/apps", async () => ({ results: admin.listApps() }));
  app.post("/_sandbox/apps", async (request, reply) => {
    reply.code(201);
    return admin.createApp(body(request));
  });
  app.put("/_sandbox/apps/:appId/webhooks", async (request) => admin.setWebhooks(num(request, "appId"), body(request)));
  app.get("/_sandbox/webhooks/deliveries", async () => ({ results: ctx.webhooks.log }));
  app.post("/_sandbox/oauth/refresh-tokens/:token/revoke", async (request) => ({
    revoked: admin.revokeRefreshToken(paramOf(request, "token")),
  }));

  app.get("/_sandbox/clock", async () => ({ now: new Date(ctx.state.now()).toISOString(), offsetMs: ctx.state.clock.getOffset() }));
  app.post("/_sandbox/clock/advance", async (request) => admin.advance(body(request)));

  app.get("/_sandbox/faults", async () => ({ rules: ctx.faults.list() }));
  app.post("/_sandbox/faults", async (request) => ({ rules: admin.setFaults(body(request)) }));
  app.delete("/_sandbox/faults", async (_request, reply) => {
    admin.clearFaults();
    return reply.code(204).send();
  });

  app.get("/_sandbox/rate-limits", async () => admin.rateLimits());
  app.post("/_sandbox/rate-limits", async (request) => admin.setRateLimits(body(request)));
  app.delete("/_sandbox/rate-limits", async () => admin.clearRateLimits());

  app.post("/_sandbox/reset", async () => {
    ctx.reset();
    return { portals: admin.listPortals().length };
  });
  app.post("/_sandbox/snapshot", async () => ({ path: await ctx.saveSnapshot() }));
}
