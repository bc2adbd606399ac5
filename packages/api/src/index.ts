export { appRouter, createCaller, type AppRouter } from "./root";
export { createTRPCContext, type Context, type ContextInput } from "./context";
export type { ProcedureMeta } from "./trpc";
export { systemClock, fixedClock, type Clock } from "./clock";
export { createAgencyWithOwner, CreateOwnerError } from "./services/members/createOwner";
export { changePassword, setPasswordByEmail, type ChangePasswordResult } from "./services/account/passwords";
export { acceptInvitation, lookupInvitation, invitationMessages, INVITATION_TTL_MS } from "./services/members/invitations";
export type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
export type { HubSpotSettings } from "./integrationSettings/hubspotSettings";
export { queueScheduler, type JobScheduler } from "./jobs/scheduler";
export { createWorkerDeps, type WorkerDeps, type WorkerDepsInput } from "./jobs/workerDeps";
export { completeOAuth } from "./services/connections/oauthFlow";
export { runSync } from "./services/sync/runSync";
export { requestSync } from "./services/sync/requestSync";
export { takeUsageSnapshot } from "./services/usage/snapshot";
export { createJobHandlers, type HandlerOptions } from "./jobs/handlers";
export { connectStatic } from "./services/connections/connectStatic";
export { hubspotEnvSchema, hubspotSettingsFromEnv, SANDBOX_DEFAULTS } from "./integrationSettings/hubspotEnv";
export { AUTH_SECRET_MIN_LENGTH, checkServerSettings, mailSettings, parseEnv, serverEnvSchema } from "./config";
export { alertWebhookEnvSchema, webhookPolicyFromEnv } from "./services/alerts/webhookPolicyEnv";
export type { WebhookTargetPolicy } from "./services/alerts/webhookTarget";
export {
  handleWebhookRequest,
  MAX_WEBHOOK_BODY_BYTES,
  type WebhookRequest,
  type WebhookResponse,
} from "./services/webhooks/handleWebhookRequest";
export { ingestWebhookEvents, type IngestResult } from "./services/webhooks/ingestWebhookEvents";
export { webhookDeliverySchema, type WebhookEvent } from "./services/webhooks/webhookEvents";
export { resumeStaleSyncRuns } from "./services/sync/resumeStaleRuns";
export { RUN_HEARTBEAT_MS, STALE_CHECK_MS, STALE_RUN_MS, type ResumingWorker } from "./services/workers/runLiveness";
export { watchStaleRuns, type StaleRunWatch } from "./jobs/staleRunWatch";
export { executeStatusRequest, STATUS_HEARTBEAT_MS } from "./services/statusRequests/executeRequest";
export { resumeStaleStatusRequests } from "./services/statusRequests/resumeStaleRequests";
export type { RenewalPack } from "./services/billing/renewalPack";
export { downgradeScenarios } from "./services/billing/renewalPackCsv";
