import http from "node:http";
import https from "node:https";

import { Client } from "@hubspot/api-client";

import { systemClock } from "./clock";
import type { PortalGatewayOptions, PortalRef } from "./gatewayTypes";
import { DailyBudgetRecorder, type DailyBudget } from "./limiter/dailyBudget";
import { PortalRateLimiter, type RequestKind } from "./limiter/portalLimiter";
import type { TokenSource } from "./tokens/tokenSource";
import { RequestExecutor, type GatewayStats } from "./transport/executor";
import { HttpStatusError, lowerCaseHeaders } from "./transport/failure";

// Keep-alive sockets: a full sync sends thousands of requests to the same host.
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 32 }), https: new https.Agent({ keepAlive: true, maxSockets: 32 }) };

/**
 * How a PortalGateway (gateway.ts) sends its calls: through the portal's shared limiter, retried by
 * RequestExecutor's policy, with a fresh access token, reading the daily figures HubSpot reports.
 */
export class GatewayTransport {
  readonly limiter: PortalRateLimiter;
  /** How the connection authenticates: OAuth installs and static tokens have different limits. */
  readonly connectionKind: "oauth" | "static";
  protected readonly executor: RequestExecutor;
  protected readonly daily: DailyBudgetRecorder;
  private readonly basePath: string;
  private cached: { token: string; client: Client } | null = null;

  constructor(
    readonly portal: PortalRef,
    readonly tokens: TokenSource,
    options: Pick<PortalGatewayOptions, "db" | "basePath" | "clock" | "log" | "retry" | "limiter"> & {
      /** Write the daily figures HubSpot reports to the portal's connection row (stored connections). */
      recordDailyBudget?: boolean;
    },
  ) {
    this.basePath = options.basePath.replace(/\/+$/, "");
    const clock = options.clock ?? systemClock;
    this.connectionKind = tokens.kind ?? (tokens.appId ? "oauth" : "static");
    this.limiter = new PortalRateLimiter({
      db: options.db,
      hubId: portal.hubId,
      appId: tokens.appId,
      connectionKind: this.connectionKind,
      edition: portal.edition,
      timeZone: portal.timeZone,
      clock,
      ...options.limiter,
    });
    this.daily = new DailyBudgetRecorder(options.db, options.recordDailyBudget ? portal.portalId : null, clock);
    this.executor = new RequestExecutor({
      limiter: this.limiter,
      tokens,
      policy: options.retry,
      clock,
      log: options.log,
      observeHeaders: (headers) => this.daily.observe(headers),
      afterAttempt: () => this.daily.persist(),
    });
  }

  /**
   * The daily limit HubSpot last reported for this connection and what was left of it (private
   * apps and service keys only: the account's limit, shared with the client's other private apps).
   * Null for OAuth installs, which have none, and before the first answer.
   */
  get dailyBudget(): DailyBudget | null {
    return this.daily.latest;
  }

  /** Writes the newest daily figures to the connection row now (they are otherwise written at most once a second). */
  async flushDailyBudget(): Promise<void> {
    await this.daily.persist(true);
  }

  /** Requests, retries and waits so far (progress reporting, benchmarks). */
  get stats(): GatewayStats {
    return this.executor.stats;
  }

  protected client(token: string): Client {
    if (this.cached?.token !== token) {
      const agent = this.basePath.startsWith("https:") ? agents.https : agents.http;
      this.cached = { token, client: new Client({ accessToken: token, basePath: this.basePath, httpAgent: agent }) };
    }
    return this.cached.client;
  }

  /**
   * Every SDK call goes through its `…WithHttpInfo` form so its headers can be read (the SDK's
   * client-level middleware never runs in 13.5: its generated APIs only apply per-call middleware).
   */
  protected readonly seen = <T>(info: { headers: Record<string, string>; data: T }): T => {
    this.daily.observe(lowerCaseHeaders(info.headers));
    return info.data;
  };

  /**
   * A raw call through the SDK's apiRequest, which never throws on a status: map it here. Skips
   * the SDK's model classes, whose deserialization cost a sync more CPU than the answer's parse.
   */
  protected async rawJson(
    operation: string,
    method: string,
    path: string,
    input: { qs?: Record<string, string>; body?: unknown; kind?: RequestKind } = {},
  ): Promise<unknown> {
    return this.executor.run(operation, input.kind ?? "default", async (t) => {
      const res = await this.client(t).apiRequest({ method, path, qs: input.qs, body: input.body });
      const text = await res.text();
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => (headers[name] = value));
      if (!res.ok) throw new HttpStatusError(res.status, text, lowerCaseHeaders(headers));
      this.daily.observe(lowerCaseHeaders(headers));
      return JSON.parse(text) as unknown;
    });
  }
}
