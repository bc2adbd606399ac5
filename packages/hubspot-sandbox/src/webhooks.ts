import { createHmac } from "node:crypto";

import { type App } from "./state/apps";
import { type ContactEvent, type SandboxState } from "./state/sandboxState";

export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: ContactEvent["type"];
  attemptNumber: number;
  objectId: number;
  propertyName?: string;
  propertyValue?: string;
  changeSource: string;
  changeFlag?: string;
  sourceId?: string;
}

export interface WebhookDeliveryOptions {
  /** How long events gather before a batch is sent. */
  batchDelayMs: number;
  /** HubSpot sends at most 100 events a request. */
  maxBatchSize: number;
  /** First retry delay; doubles per attempt (HubSpot spreads 10 tries over about 24 h). */
  retryBaseMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookDeliveryOptions = {
  batchDelayMs: 200,
  maxBatchSize: 100,
  retryBaseMs: 60_000,
  maxAttempts: 10,
  timeoutMs: 5_000,
};

export interface DeliveryAttempt {
  appId: number;
  url: string;
  attempt: number;
  events: number;
  at: string;
  status: number | null;
  error?: string;
  outcome: "delivered" | "retrying" | "failed" | "dropped";
}

/** v3 signature: base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)). */
export function signatureV3(clientSecret: string, method: string, uri: string, body: string, timestamp: number): string {
  return createHmac("sha256", clientSecret).update(`${method}${uri}${body}${timestamp}`).digest("base64");
}

/**
 * Delivers contact events to subscribed apps as HubSpot does: batched JSON arrays, signed (v3),
 * retried with exponential backoff on 5xx, 429, timeouts and network errors, never on other 4xx.
 */
export class WebhookDispatcher {
  private readonly queues = new Map<number, WebhookEvent[]>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private nextEventId = 1;
  private idleWaiters: (() => void)[] = [];
  readonly log: DeliveryAttempt[] = [];
  private closed = false;

  constructor(
    private readonly state: SandboxState,
    public options: WebhookDeliveryOptions,
  ) {
    state.onContactEvent((e) => this.onContactEvent(e));
  }

  private onContactEvent(e: ContactEvent): void {
    if (this.closed) return;
    const portal = this.state.portal(e.hubId);
    if (!portal) return;
    for (const install of portal.apps.values()) {
      const app = this.state.apps.get(install.appId);
      if (!app?.webhooks.targetUrl) continue;
      for (const sub of app.webhooks.subscriptions) {
        if (!sub.active || sub.eventType !== e.type) continue;
        if (e.type === "contact.propertyChange" && sub.propertyName !== e.propertyName) continue;
        const event: WebhookEvent = {
          eventId: this.nextEventId++,
          subscriptionId: Number(sub.id),
          portalId: e.hubId,
          appId: app.appId,
          occurredAt: e.occurredAt,
          subscriptionType: e.type,
          attemptNumber: 0,
          objectId: e.contactId,
          changeSource: e.changeSource,
        };
        if (e.type === "contact.propertyChange") {
          event.propertyName = e.propertyName;
          event.propertyValue = e.propertyValue;
        }
        if (e.type === "contact.creation") event.changeFlag = "NEW";
        if (e.type === "contact.deletion") event.changeFlag = "DELETED";
        if (e.sourceAppId !== undefined) event.sourceId = String(e.sourceAppId);
        this.enqueue(app, event);
      }
    }
  }

  private enqueue(app: App, event: WebhookEvent): void {
    let q = this.queues.get(app.appId);
    if (!q) {
      q = [];
      this.queues.set(app.appId, q);
    }
    q.push(event);
    if (!this.timers.has(app.appId)) {
      this.timers.set(
        app.appId,
        setTimeout(() => this.flush(app.appId), this.options.batchDelayMs),
      );
    }
  }

  private flush(appId: number): void {
    this.timers.delete(appId);
    const q = this.queues.get(appId) ?? [];
    this.queues.delete(appId);
    for (let i = 0; i < q.length; i += this.options.maxBatchSize) {
      this.track(this.send(appId, q.slice(i, i + this.options.maxBatchSize), 0));
    }
    this.checkIdle();
  }

  private track(p: Promise<void>): void {
    this.inFlight++;
    void p.finally(() => {
      this.inFlight--;
      this.checkIdle();
    });
  }

  private async send(appId: number, events: WebhookEvent[], attempt: number): Promise<void> {
    const app = this.state.apps.get(appId);
    const url = app?.webhooks.targetUrl;
    if (!app || !url || this.closed) return;
    const body = JSON.stringify(events.map((e) => ({ ...e, attemptNumber: attempt })));
    const timestamp = Date.now();
    let status: number | null = null;
    let error: string | undefined;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent":
            "HubSpot Connect 2.0 (http://dev.hubspot.com/) (namespace: webhooks-nio-http-client) - WebhooksExecutorDaemon-executor",
          "X-HubSpot-Signature-v3": signatureV3(app.clientSecret, "POST", url, body, timestamp),
          "X-HubSpot-Signature-Version": "v3",
          "X-HubSpot-Request-Timestamp": String(timestamp),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const retryable = status === null || status >= 500 || status === 429;
    const ok = status !== null && status >= 200 && status < 300;
    const outcome: DeliveryAttempt["outcome"] = ok
      ? "delivered"
      : !retryable
        ? "dropped"
        : attempt + 1 >= this.options.maxAttempts
          ? "failed"
          : "retrying";
    this.log.push({ appId, url, attempt, events: events.length, at: new Date().toISOString(), status, error, outcome });
    if (this.log.length > 5000) this.log.splice(0, this.log.length - 5000);
    if (outcome === "retrying" && !this.closed) {
      const delay = this.options.retryBaseMs * 2 ** attempt;
      this.inFlight++;
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.inFlight--;
        this.track(this.send(appId, events, attempt + 1));
      }, delay);
      this.retryTimers.add(timer);
    }
  }

  private checkIdle(): void {
    if (this.inFlight === 0 && this.timers.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves once every queued event has been delivered, dropped or given up on. */
  idle(): Promise<void> {
    if (this.inFlight === 0 && this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    for (const t of this.retryTimers) clearTimeout(t);
    this.timers.clear();
    this.retryTimers.clear();
    this.queues.clear();
    this.inFlight = 0;
    this.checkIdle();
  }
}
