import { type SandboxContext } from "./context";
import { type App } from "./state/apps";
import { type Edition, type BillingTerm, type Portal } from "./state/portal";
import { DAY_MS } from "./state/clock";
import { type FaultKind, type FaultRule, FAULT_KINDS } from "./faults";
import { makeApp, newPortal, generateContacts } from "./generator/demo";
import { advanceClock, fakePerson } from "./rules/activity";
import { createContact, setMarketing, updateContact, validateWritableProperties } from "./rules/contactWrites";
import { adminSource, type AdminSourceKind } from "./rules/sources";
import { createRng, seedFrom } from "./util/random";
import { notFound, validationError } from "./util/errors";
import { addSubscription, toApiSubscription } from "./routes/webhooksApi";
import { toApiContact, propertyList } from "./serialize";

export interface PortalSummary {
  hubId: number;
  name: string;
  domain: string;
  edition: Edition;
  tier: number;
  billingTerm: BillingTerm;
  renewalDay: number;
  partner: boolean;
  token: string;
  privateAppId: number;
  contacts: number;
  marketingContacts: number;
  pendingDemotions: number;
  apps: { appId: number; name: string; kind: App["kind"]; createsContacts: boolean; marketing: boolean; installedAt: string }[];
}

export interface AppSummary {
  appId: number;
  name: string;
  kind: App["kind"];
  createsContacts: boolean;
  clientId: string;
  clientSecret: string;
  developerApiKey: string;
  webhooks: { targetUrl: string | null; subscriptions: Record<string, unknown>[] };
}

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
    let pending = 0;
    for (const c of p.contacts.records) if (c.untilRenewal && c.archivedAt === 0) pending++;
    return {
      hubId: p.hubId,
      name: p.name,
      domain: p.domain,
      edition: p.edition,
      tier: p.tier,
      billingTerm: p.billingTerm,
      renewalDay: p.renewalDay,
      partner: p.hubId === this.state.agency.partnerHubId,
      token: p.privateApp.token,
      privateAppId: p.privateApp.appId,
      contacts: p.contacts.liveCount,
      marketingContacts: p.contacts.marketingCount,
      pendingDemotions: pending,
      apps: [...p.apps.values()].map((i) => {
        const a = this.state.apps.get(i.appId);
        return {
          appId: i.appId,
          name: a?.name ?? String(i.appId),
          kind: a?.kind ?? "crm-sync",
          createsContacts: a?.createsContacts ?? true,
          marketing: i.marketingSwitch,
          installedAt: new Date(i.installedAt).toISOString(),
        };
      }),
    };
  }

  listPortals(): PortalSummary[] {
    return [...this.state.portals.values()].map((p) => this.summarize(p));
  }

  listApps(): AppSummary[] {
    return [...this.state.apps.values()].map((a) => ({
      appId: a.appId,
      name: a.name,
      kind: a.kind,
      createsContacts: a.createsContacts,
      clientId: a.clientId,
      clientSecret: a.clientSecret,
      developerApiKey: a.developerApiKey,
      webhooks: { targetUrl: a.webhooks.targetUrl, subscriptions: a.webhooks.subscriptions.map(toApiSubscription) },
    }));
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
    if (!Number.isInteger(count) || count < 0 || count > 5_000_000) throw validationError("count must be an integer between 0 and 5,000,000");
    const now = this.state.now();
    const last = portal.contacts.records[portal.contacts.records.length - 1];
    const from = Math.max(last?.createdAt ?? 0, now - 365 * DAY_MS);
    generateContacts(this.state, portal, { count, from, to: now, rng: createRng(seedFrom(this.state.seed, hubId, portal.contacts.nextId)) });
    return { created: count };
  }

  createApp(input: { name?: string; kind?: App["kind"]; createsContacts?: boolean; redirectUris?: string[]; appId?: number }): AppSummary {
    const appId = input.appId ?? this.state.nextAppId;
    if (this.state.apps.has(appId)) throw validationError(`App ${appId} already exists`);
    const kind = input.kind ?? "crm-sync";
    const app = makeApp({ appId, name: input.name ?? `App ${appId}`, kind, createsContacts: input.createsContacts ?? kind !== "calendar" }, this.state.now());
    if (input.redirectUris) app.redirectUris = input.redirectUris;
    this.state.addApp(app);
    return this.listApps().find((a) => a.appId === appId)!;
  }

  installApp(hubId: number, appId: number, marketing = false): PortalSummary {
    const portal = this.portal(hubId);
    this.app(appId);
    if (!portal.apps.has(appId)) {
      const now = this.state.now();
      portal.apps.set(appId, { appId, installedAt: now, marketingSwitch: marketing, switchHistory: marketing ? [{ at: now, marketing }] : [] });
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
      scopes: scopes ?? ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.schemas.contacts.read", "crm.objects.owners.read", "crm.import"],
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

  setWebhooks(appId: number, input: { targetUrl?: string | null; clientSecret?: string; subscriptions?: Record<string, unknown>[] }): AppSummary {
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
    const raw = input.rules ?? [input];
    const rules = raw.map((r): FaultRule => {
      const kinds = (r.kinds ?? ["429", "500"]).map(String) as FaultKind[];
      for (const k of kinds) if (!FAULT_KINDS.includes(k)) throw validationError(`Unknown fault kind ${k}; use ${FAULT_KINDS.join(", ")}`);
      const rate = Number(r.rate ?? 0);
      if (!(rate >= 0 && rate <= 1)) throw validationError("rate must be between 0 and 1");
      return { rate, kinds, endpoints: r.endpoints ?? ["*"], seed: Number(r.seed ?? this.state.seed), slowMs: Number(r.slowMs ?? 2000) };
    });
    this.ctx.faults.set(rules);
    return rules;
  }

  clearFaults(): void {
    this.ctx.faults.clear();
  }

  /**
   * `perWindow` and `daily` are a portal's private-app limits, `oauthPerWindow` its OAuth installs'
   * (110 by default); `otherAppsToday` sets the calls the client's other private apps made today,
   * which count against the same daily limit (put a portal near its limit without sending them).
   */
  setRateLimits(input: {
    enabled?: boolean;
    windowMs?: number;
    searchPerSecond?: number;
    hubId?: number;
    perWindow?: number;
    daily?: number;
    oauthPerWindow?: number;
    otherAppsToday?: number;
  }): unknown {
    const s = this.ctx.limiter.settings;
    if (input.enabled !== undefined) s.enabled = input.enabled;
    if (input.windowMs !== undefined) s.windowMs = input.windowMs;
    if (input.hubId !== undefined) {
      this.portal(input.hubId);
      const o = s.overrides.get(input.hubId) ?? {};
      if (input.perWindow !== undefined) o.perWindow = input.perWindow;
      if (input.daily !== undefined) o.daily = input.daily;
      if (input.oauthPerWindow !== undefined) o.oauthPerWindow = input.oauthPerWindow;
      if (input.otherAppsToday !== undefined) {
        if (!Number.isInteger(input.otherAppsToday) || input.otherAppsToday < 0) throw validationError("otherAppsToday must be a non-negative integer");
        this.ctx.limiter.setOtherAppsUsage(input.hubId, input.otherAppsToday, this.state.now());
      }
      if (input.searchPerSecond !== undefined) o.searchPerSecond = input.searchPerSecond;
      s.overrides.set(input.hubId, o);
    } else if (input.searchPerSecond !== undefined) {
      s.searchPerSecond = input.searchPerSecond;
    }
    return this.rateLimits();
  }

  clearRateLimits(): unknown {
    const s = this.ctx.limiter.settings;
    s.overrides.clear();
    s.windowMs = 10_000;
    s.searchPerSecond = 4;
    this.ctx.limiter.reset();
    return this.rateLimits();
  }

  rateLimits(): unknown {
    const s = this.ctx.limiter.settings;
    return { enabled: s.enabled, windowMs: s.windowMs, searchPerSecond: s.searchPerSecond, overrides: Object.fromEntries(s.overrides) };
  }

  /**
   * Creates contacts through a source: an app (its switch decides), a form (marketing by default,
   * and existing submitters are promoted), an import, the CRM UI or the legacy API.
   */
  createContacts(
    hubId: number,
    input: { source?: AdminSourceKind; appId?: number; marketing?: boolean; formId?: string; formName?: string; contacts?: Record<string, unknown>[]; count?: number },
  ): { results: Record<string, unknown>[] } {
    const portal = this.portal(hubId);
    const kind = input.source ?? "crm_ui";
    const src = adminSource(this.state, portal, kind, input);
    const list = input.contacts ?? [];
    const rng = createRng(seedFrom(this.state.seed, hubId, "admin", portal.contacts.nextId));
    for (let i = list.length; i < (input.count ?? 0); i++) list.push(fakePerson(rng, portal.contacts.nextId + i));
    const results: Record<string, unknown>[] = [];
    for (const props of list) {
      validateWritableProperties(portal, props);
      const email = typeof props.email === "string" ? props.email : undefined;
      const existing = email ? portal.contacts.byEmail(email) : undefined;
      let c;
      if (existing && kind === "form") {
        updateContact(this.state, portal, existing, props, "FORM");
        if (src.marketing) setMarketing(this.state, portal, existing, true, src.reason, "FORM");
        c = existing;
      } else {
        c = createContact(this.state, portal, props, src);
      }
      results.push({ ...toApiContact(c, propertyList(["hs_marketable_status", "hs_marketable_until_renewal", "hs_object_source", "hs_object_source_id", "hs_object_source_label", "hs_object_source_detail_1"])) });
    }
    return { results };
  }

  /** Sets a contact's marketing status as a workflow would: promotion at once, demotion at the update date. */
  setContactMarketing(hubId: number, contactId: number, marketing: boolean): Record<string, unknown> {
    const portal = this.portal(hubId);
    const c = portal.contacts.getLive(contactId);
    if (!c) throw notFound(`Contact ${contactId} not found`);
    setMarketing(this.state, portal, c, marketing, { type: "WORKFLOW", id: null }, "AUTOMATION_PLATFORM");
    return toApiContact(c, propertyList(["hs_marketable_status", "hs_marketable_until_renewal"])) as unknown as Record<string, unknown>;
  }

  addActivity(hubId: number, input: { source?: AdminSourceKind; appId?: number; contactsPerDay?: number }): unknown {
    const portal = this.portal(hubId);
    const source = input.source ?? "app";
    adminSource(this.state, portal, source, input); // validates the app now rather than at the next advance
    const gen = { id: `act-${portal.activity.length + 1}`, source, appId: input.appId, contactsPerDay: Number(input.contactsPerDay ?? 10), carry: 0 };
    portal.activity.push(gen);
    return portal.activity;
  }

  clearActivity(hubId: number): void {
    this.portal(hubId).activity = [];
  }
}
