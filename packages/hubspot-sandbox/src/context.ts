import { type FaultInjector } from "./faults";
import { type RateLimiter } from "./rateLimit";
import { type Portal } from "./state/portal";
import { type SandboxState } from "./state/sandboxState";
import { type TokenGrant } from "./state/tokens";
import { type WebhookDispatcher } from "./webhooks";

/** One recorded exchange, for contract tests that validate raw bodies against HubSpot's specs. */
export interface RecordedResponse {
  method: string;
  url: string;
  routeUrl: string;
  statusCode: number;
  contentType: string;
  body: string;
  /** The caller's portal and token kind, when the request was authenticated (benches count calls per portal). */
  hubId?: number;
  tokenKind?: "private" | "oauth";
}

/** What every route module gets: the state plus the simulation machinery around it. */
export interface SandboxContext {
  state: SandboxState;
  limiter: RateLimiter;
  faults: FaultInjector;
  webhooks: WebhookDispatcher;
  /** How long an import sits in each state before moving on. */
  importStepMs: number;
  /** Rebuilds the demo data (admin reset). */
  reset(): void;
  /** Saves the snapshot file if one is configured; returns its path. */
  saveSnapshot(): Promise<string | null>;
  recorder?: (r: RecordedResponse) => void;
}

declare module "fastify" {
  interface FastifyRequest {
    grant?: TokenGrant;
    portal?: Portal;
  }
  interface FastifyContextConfig {
    /** Scope the bearer token must hold; routes without it are public (OAuth, admin). */
    scope?: string;
    /** Search endpoints have their own per-second limit. */
    search?: boolean;
  }
}
