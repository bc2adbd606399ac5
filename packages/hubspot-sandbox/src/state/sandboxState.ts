import { type App } from "./apps";
import { SimClock } from "./clock";
import { type ImportJob } from "./importJob";
import { type Portal } from "./portal";
import { TokenStore } from "./tokens";

/** A change to a contact, the raw material of webhook events. */
export interface ContactEvent {
  type: "contact.creation" | "contact.propertyChange" | "contact.deletion";
  hubId: number;
  contactId: number;
  occurredAt: number;
  propertyName?: string;
  propertyValue?: string;
  /** HubSpot's changeSource: API, INTEGRATION, FORM, IMPORT, CRM_UI... */
  changeSource: string;
  /** The app whose call caused it; HubSpot does not echo an app's own changes back... but we do, like HubSpot does for contact.creation. */
  sourceAppId?: number;
}

export interface Agency {
  name: string;
  /** The agency's own (partner) portal: its token lists the client portals as partner clients. */
  partnerHubId: number;
  partnerToken: string;
}

/** Everything the sandbox knows. Routes and rules read and change it; snapshots save it. */
export class SandboxState {
  readonly clock: SimClock;
  readonly portals = new Map<number, Portal>();
  readonly apps = new Map<number, App>();
  readonly tokens = new TokenStore();
  readonly imports = new Map<string, ImportJob>();
  agency: Agency = { name: "Sandbox Agency", partnerHubId: 0, partnerToken: "" };
  nextImportId = 1000;
  nextAppId = 5_000_000;
  private readonly contactListeners: ((e: ContactEvent) => void)[] = [];

  constructor(
    readonly seed: number,
    startAt?: number,
  ) {
    this.clock = new SimClock(startAt);
  }

  now(): number {
    return this.clock.now();
  }

  portal(hubId: number): Portal | undefined {
    return this.portals.get(hubId);
  }

  addPortal(portal: Portal): void {
    this.portals.set(portal.hubId, portal);
    this.tokens.addPrivateToken(portal.privateApp.token, portal.hubId, portal.privateApp.appId);
  }

  removePortal(hubId: number): void {
    this.portals.delete(hubId);
    this.tokens.removePortal(hubId);
  }

  addApp(app: App): void {
    this.apps.set(app.appId, app);
    if (app.appId >= this.nextAppId) this.nextAppId = app.appId + 1;
  }

  appByClientId(clientId: string): App | undefined {
    for (const app of this.apps.values()) if (app.clientId === clientId) return app;
    return undefined;
  }

  onContactEvent(listener: (e: ContactEvent) => void): () => void {
    this.contactListeners.push(listener);
    return () => {
      const i = this.contactListeners.indexOf(listener);
      if (i >= 0) this.contactListeners.splice(i, 1);
    };
  }

  emitContactEvent(e: ContactEvent): void {
    for (const l of this.contactListeners) l(e);
  }

  /** Drops every portal, app, token and import (the admin reset; the generator then reseeds). */
  clear(): void {
    this.portals.clear();
    this.apps.clear();
    this.imports.clear();
    (this as { tokens: TokenStore }).tokens = new TokenStore();
    this.nextImportId = 1000;
    this.nextAppId = 5_000_000;
  }
}
