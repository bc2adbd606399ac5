import type { SendMail } from "@marketable/auth/mailer";
import type { Db } from "@marketable/db";
import type { Logger } from "@marketable/logger";

import { systemClock, type Clock } from "../clock";
import type { HubSpotSettings } from "../integrationSettings/hubspotSettings";
import { PUBLIC_ADDRESSES_ONLY, type WebhookTargetPolicy } from "../services/alerts/webhookTarget";
import { portalGatewayFactory, type GatewayFactory } from "./portalGateway";
import type { JobScheduler } from "./scheduler";

/**
 * What the worker side of the api needs (syncs, status-request executions, HubSpot webhooks, the
 * job handlers): built once per process by `createWorkerDeps` and passed down whole. What varies
 * per call (a job's abort signal, a test's poll interval) is an option of that call instead.
 */
export interface WorkerDeps {
  db: Db;
  settings: HubSpotSettings;
  log: Logger;
  /** The worker's clock; the fleet bench runs it faster than real time, tests pin it. */
  clock: Clock;
  /** Builds a connected portal's gateway; tests may shorten its retries. */
  gatewayFor: GatewayFactory;
  /** Where follow-up work goes: syncs, executions, request notices, alert deliveries. */
  scheduler: JobScheduler;
  /** Where alert and request webhooks may be delivered. */
  webhookPolicy: WebhookTargetPolicy;
  /** The portal's public address (APP_URL), for links in emails and webhook bodies. */
  appUrl: string;
  /** This process's worker id (claimWorkerId), marked on the runs and requests it works on. */
  workerId?: string;
  /** The SMTP sender when SMTP_URL is set: status-request notices are emailed too. */
  mail?: SendMail;
}

export type WorkerDepsInput = Pick<WorkerDeps, "db" | "settings" | "log" | "scheduler"> &
  Partial<Omit<WorkerDeps, "db" | "settings" | "log" | "scheduler">>;

/** The worker's dependencies with their defaults: the system clock, the stored connections' gateways, public addresses only. */
export function createWorkerDeps(input: WorkerDepsInput): WorkerDeps {
  return {
    ...input,
    clock: input.clock ?? systemClock,
    gatewayFor: input.gatewayFor ?? portalGatewayFactory(input),
    webhookPolicy: input.webhookPolicy ?? PUBLIC_ADDRESSES_ONLY,
    appUrl: input.appUrl ?? "http://localhost:3000",
  };
}
