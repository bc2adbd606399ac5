import { type FastifyInstance, type FastifyRequest } from "fastify";

import { type SandboxContext } from "../context";
import { type App, type WebhookSubscription } from "../state/apps";
import { errorBody, HubSpotError, notFound, validationError } from "../util/errors";
import { bodyOf, paramOf, queryOf } from "./requestHelpers";

const EVENT_TYPES = new Set(["contact.creation", "contact.propertyChange", "contact.deletion"]);

export function toApiSubscription(s: WebhookSubscription): Record<string, unknown> {
  return {
    id: s.id,
    eventType: s.eventType,
    ...(s.propertyName ? { propertyName: s.propertyName } : {}),
    active: s.active,
    createdAt: new Date(s.createdAt).toISOString(),
    updatedAt: new Date(s.updatedAt).toISOString(),
  };
}

export function toApiSettings(app: App): Record<string, unknown> {
  return {
    targetUrl: app.webhooks.targetUrl ?? "",
    throttling: { maxConcurrentRequests: app.webhooks.maxConcurrentRequests, period: "SECONDLY" },
    createdAt: new Date(app.webhooks.createdAt).toISOString(),
    updatedAt: new Date(app.webhooks.updatedAt).toISOString(),
  };
}

let nextSubscriptionId = 100_000;

/** Adds a subscription; shared by webhooks v3 and the admin API. */
export function addSubscription(app: App, input: Record<string, unknown>, now: number): WebhookSubscription {
  const eventType = typeof input.eventType === "string" ? input.eventType : "";
  if (!EVENT_TYPES.has(eventType))
    throw validationError(
      `Unsupported eventType ${eventType}: the sandbox serves contact.creation, contact.propertyChange and contact.deletion`,
    );
  if (eventType === "contact.propertyChange" && typeof input.propertyName !== "string") {
    throw validationError("contact.propertyChange subscriptions need a propertyName");
  }
  const sub: WebhookSubscription = {
    id: String(nextSubscriptionId++),
    eventType: eventType as WebhookSubscription["eventType"],
    propertyName: typeof input.propertyName === "string" ? input.propertyName : undefined,
    active: input.active !== false,
    createdAt: now,
    updatedAt: now,
  };
  app.webhooks.subscriptions.push(sub);
  return sub;
}

/** Webhooks v3 app management (developer API key as `hapikey`): settings and subscriptions. */
export function webhookApiRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const appOf = (request: FastifyRequest): App => {
    const found = ctx.state.apps.get(Number(paramOf(request, "appId")));
    const key = queryOf(request).hapikey;
    if (!found || key !== found.developerApiKey) {
      throw new HubSpotError(
        401,
        errorBody("INVALID_AUTHENTICATION", "The developer API key (hapikey) is missing or does not belong to this app."),
      );
    }
    return found;
  };

  app.get("/webhooks/v3/:appId/settings", async (request) => toApiSettings(appOf(request)));
  app.put("/webhooks/v3/:appId/settings", async (request) => {
    const a = appOf(request);
    const b = bodyOf(request);
    if (typeof b.targetUrl !== "string") throw validationError("targetUrl is required");
    a.webhooks.targetUrl = b.targetUrl;
    const t = b.throttling as { maxConcurrentRequests?: number } | undefined;
    if (t?.maxConcurrentRequests) a.webhooks.maxConcurrentRequests = t.maxConcurrentRequests;
    a.webhooks.updatedAt = ctx.state.now();
    return toApiSettings(a);
  });
  app.delete("/webhooks/v3/:appId/settings", async (request, reply) => {
    appOf(request).webhooks.targetUrl = null;
    return reply.code(204).send();
  });
  app.get("/webhooks/v3/:appId/subscriptions", async (request) => ({
    results: appOf(request).webhooks.subscriptions.map(toApiSubscription),
  }));
  app.post("/webhooks/v3/:appId/subscriptions", async (request, reply) => {
    const sub = addSubscription(appOf(request), bodyOf(request), ctx.state.now());
    reply.code(201);
    return toApiSubscription(sub);
  });
  app.get("/webhooks/v3/:appId/subscriptions/:subscriptionId", async (request) => {
    const sub = appOf(request).webhooks.subscriptions.find((s) => s.id === paramOf(request, "subscriptionId"));
    if (!sub) throw notFound();
    return toApiSubscription(sub);
  });
  app.patch("/webhooks/v3/:appId/subscriptions/:subscriptionId", async (request) => {
    const sub = appOf(request).webhooks.subscriptions.find((s) => s.id === paramOf(request, "subscriptionId"));
    if (!sub) throw notFound();
    const b = bodyOf(request);
    if (typeof b.active === "boolean") sub.active = b.active;
    sub.updatedAt = ctx.state.now();
    return toApiSubscription(sub);
  });
  app.delete("/webhooks/v3/:appId/subscriptions/:subscriptionId", async (request, reply) => {
    const a = appOf(request);
    a.webhooks.subscriptions = a.webhooks.subscriptions.filter((s) => s.id !== paramOf(request, "subscriptionId"));
    return reply.code(204).send();
  });
}
