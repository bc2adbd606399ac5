import { addActivity, createContacts, setContactMarketing } from "./admin/contacts";
import { clearRateLimits, rateLimits, setFaults, setRateLimits } from "./admin/limits";
import { summarizeApps, summarizePortal, type AppSummary, type PortalSummary } from "./admin/summaries";
import { type SandboxContext } from "./context";
import { type FaultRule } from "./faults";
import { generateContacts, makeApp, newPortal } from "./generator/demo";
import { addSubscription } from "./routes/webhooksApi";
import { advanceClock } from "./rules/activity";
import { type App } from "./state/apps";
import { DAY_MS } from "./state/clock";
import { type BillingTerm, type Edition, type Portal } from "./state/portal";
import { notFound, validationError } from "./util/errors";
import { createRng, seedFrom } from "./util/random";

export type { AppSummary, PortalSummary } from "./admin/summaries";

/**
 * The admin operations behind `/_sandbox/*`, also exposed programmatically by startSandbox().
 * Every method validates its input and throws HubSpot-shaped errors.
 */
export class AdminService {
  constructor(private readonly ctx: SandboxContext) {}

  private get state() {
    return this.ctx.state;
  }

  portal(hubId: number): Portal {
    const p = this.state.portal(hubId);
    if (!p) throw notFound(`Portal ${hubId} not found`);
    return p;
  }

  private app(appId: number): App {
    const a = this.state.apps.get(appId);
    if (!a) throw notFound(`App ${appId} not found`);
    return a;
  }

  summarize(p: Portal): PortalSummary {
    return summarizePortal(this.state, p);
  }

  listPortals(): PortalSummary[] {
    return [...this.state.portals.values()].map((p) => this.summarize(p));
  }

  listApps(): AppSummary[] {
    return summarizeApps(this.state);
  }

  createPortal(input: {
    hubId?: number;
    name?: string;
    domain?: string;
    edition?: Edition;
    tier?: number;
    billingTerm?: BillingTerm;
    renewalDay?: number;
    contacts?: number;
    apps?: { appId: number; marketing?: boolean }[];
  }): PortalSummary {
    const edition = input.edition ?? "professional";
    if (!["starter", "professional", "enterprise"].includes(edition)) throw validationError(`Unknown edition ${edition}`);
    let hubId = input.hubId ?? 0;
    if (!hubId) {
      hubId = 30_000_001;
      while (this.state.portals.has(hubId)) hubId++;
    }
    if (this.state.portals.has(hubId)) throw validationError(`Portal ${hubId} already exists`);
    const now = this.state.now();
    const name = input.name ?? `Portal ${hubId}`;
    const portal = newPortal(
      this.state,
      {
        name,
        domain: input.domain ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example.com`,
        edition,
        billingTerm: input.billingTerm ?? "monthly",
        renewalDay: Math.min(28, Math.max(1, input.renewalDay ?? 1)),
        timeZone: "UTC",
      },
      hubId,
      Math.floor(now / DAY_MS) * DAY_MS,
    );
    if (input.tier) portal.tier = input.tier;
    for (const a of input.apps ?? []) this.installApp(hubId, a.appId, a.marketing ?? false);
    if (input.contacts) this.generate(hubId, input.contacts);
    return this.summarize(portal);
  }

  deletePortal(hubId: number): void {
    this.portal(hubId);
    this.state.removePortal(hubId);
  }

  /** Bulk-creates realistic contacts (the demo generator) dated over the past year. */
  generate(hubId: number, count: number): { created: number } {
    const portal = this.portal(hubId);
    if (!Number.isInteger(count) || count < 0 || count > 5_000_000)
      throw validationError("count must be an integer between 0 and 5,000,000");
    const now = this.state.now();
    const last = portal.contacts.records[portal.contacts.records.length - 1];
    const from = Math.max(last?.createdAt ?? 0, now - 365 * DAY_MS);
    generateContacts(this.state, portal, {
      count,
      from,
      to: now,
      rng: createRng(seedFrom(this.state.seed, hubId, portal.contacts.nextId)),
    });
    return { created: count };
  }

  createApp(input: { name?: string; kind?: App["kind"]; createsContacts?: boolean; redirectUris?: string[]; appId?: number }): AppSummary {
    const appId = input.appId ?? this.state.nextAppId;
    if (this.state.apps.has(appId)) throw validationError(`App ${appId} already exists`);
    const kind = input.kind ?? "crm-sync";
    const app = makeApp(
      { appId, name: input.name ?? `App ${appId}`, kind, createsContacts: input.createsContacts ?? kind !== "calendar" },
      this.state.now(),
    );
    if (input.redirectUris) app.redirectUris = input.redirectUris;
    this.state.addApp(app);
    return this.listApps().find((a) => a.appId === appId)!;
  }

  installApp(hubId: number, appId: number, marketing = false): PortalSummary {
    const portal = this.portal(hubId);
    this.app(appId);
    if (!portal.apps.has(appId)) {
      const now = this.state.now();
      portal.apps.set(appId, {
        appId,
        installedAt: now,
        marketingSwitch: marketing,
        switchHistory: marketing ? [{ at: now, marketing }] : [],
      });
    }
    return this.summarize(portal);
  }

  uninstallApp(hubId: number, appId: number): void {
    this.portal(hubId).apps.delete(appId);
  }

  /** The portal's marketing-contacts switch for an app: affects contacts it creates from now on only. */
  setSwitch(hubId: number, appId: number, marketing: boolean): PortalSummary {
    const portal = this.portal(hubId);
    const install = portal.apps.get(appId);
    if (!install) throw notFound(`App ${appId} is not connected to portal ${hubId}`);
    if (install.marketingSwitch !== marketing) {
      install.marketingSwitch = marketing;
      install.switchHistory.push({ at: this.state.now(), marketing });
    }
    return this.summarize(portal);
  }

  /** Mints an OAuth access + refresh token for an app in a portal, skipping the browser flow (tests). */
  mintToken(hubId: number, appId: number, scopes?: string[]): { access_token: string; refresh_token: string; expires_in: number } {
    const portal = this.portal(hubId);
    const app = this.app(appId);
    this.installApp(hubId, appId);
    const grant = {
      hubId,
      appId,
      clientId: app.clientId,
      scopes: scopes ?? [
        "oauth",
        "crm.objects.contacts.read",
        "crm.objects.contacts.write",
        "crm.schemas.contacts.read",
        "crm.objects.owners.read",
        "crm.import",
      ],
      userId: portal.owners[0]?.userId ?? 1,
      user: portal.owners[0]?.email ?? `admin@${portal.domain}`,
    };
    const refresh = this.state.tokens.issueRefreshToken(grant);
    const { token } = this.state.tokens.issueAccessToken(grant, this.state.now());
    return { access_token: token, refresh_token: refresh, expires_in: 1800 };
  }

  revokeRefreshToken(token: string): boolean {
    return this.state.tokens.revokeRefreshToken(token);
  }

  setWebhooks(
    appId: number,
    input: { targetUrl?: string | null; clientSecret?: string; subscriptions?: Record<string, unknown>[] },
  ): AppSummary {
    const app = this.app(appId);
    const now = this.state.now();
    if (input.targetUrl !== undefined) app.webhooks.targetUrl = input.targetUrl;
    if (input.clientSecret) app.clientSecret = input.clientSecret;
    if (input.subscriptions) {
      app.webhooks.subscriptions = [];
      for (const s of input.subscriptions) addSubscription(app, s, now);
    }
    app.webhooks.updatedAt = now;
    return this.listApps().find((a) => a.appId === appId)!;
  }

  advance(input: { days?: number; hours?: number; ms?: number }): { from: string; to: string } {
    const ms = (input.ms ?? 0) + (input.hours ?? 0) * 3_600_000 + (input.days ?? 0) * DAY_MS;
    if (!(ms >= 0) || !Number.isFinite(ms)) throw validationError("advance needs a non-negative days, hours or ms");
    const { from, to } = advanceClock(this.state, ms);
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  }

  setFaults(input: { rules?: Partial<FaultRule>[] } & Partial<FaultRule>): FaultRule[] {
    return setFaults(this.ctx, input);
  }

  clearFaults(): void {
    this.ctx.faults.clear();
  }

  /** See admin/limits.ts: a portal's private-app, OAuth and daily limits, its other apps' calls today. */
  setRateLimits(input: Parameters<typeof setRateLimits>[2]): unknown {
    return setRateLimits(this.ctx, (hubId) => this.portal(hubId), input);
  }

  clearRateLimits(): unknown {
    return clearRateLimits(this.ctx);
  }

  rateLimits(): unknown {
    return rateLimits(this.ctx);
  }

  /** Creates contacts through a source: an app, a form, an import, the CRM UI or the legacy API (admin/contacts.ts). */
  createContacts(hubId: number, input: Parameters<typeof createContacts>[2]): { results: Record<string, unknown>[] } {
    return createContacts(this.state, this.portal(hubId), input);
  }

  /** Sets a contact's marketing status as a workflow would: promotion at once, demotion at the update date. */
  setContactMarketing(hubId: number, contactId: number, marketing: boolean): Record<string, unknown> {
    return setContactMarketing(this.state, this.portal(hubId), contactId, marketing);
  }

  addActivity(hubId: number, input: Parameters<typeof addActivity>[2]): unknown {
    return addActivity(this.state, this.portal(hubId), input);
  }

  clearActivity(hubId: number): void {
    this.portal(hubId).activity = [];
  }
}
