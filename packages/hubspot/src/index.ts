export { PortalGateway } from "./gateway";
export { SEARCH_PAGE_LIMIT } from "./contactPages";
export { createPortalGateway } from "./createPortalGateway";
export type {
  PortalGatewayOptions,
  PortalRef,
  ContactPage,
  SearchPage,
  AccountDetails,
  PartnerClient,
  HubSpotImport,
  ImportRowError,
} from "./gatewayTypes";
export { walkContactsModified, SEARCH_RESULT_CAP, type WalkOptions, type WalkPage } from "./searchWalker";
export { PortalRateLimiter, bucketKey, type PortalLimiterOptions, type RequestKind, type LimiterStats } from "./limiter/portalLimiter";
export {
  EDITION_LIMITS,
  OAUTH_LIMIT,
  SEARCH_LIMIT,
  bucketFor,
  limitsForConnection,
  searchBucket,
  type ConnectionKind,
  type Edition,
  type BucketSettings,
} from "./limiter/editionLimits";
export { DailyBudgetRecorder, readDailyHeaders, type DailyBudget } from "./limiter/dailyBudget";
export { dayKey } from "./limiter/dayKey";
export { RequestExecutor, emptyStats, type GatewayStats } from "./transport/executor";
export { DEFAULT_RETRY_POLICY, backoffDelay, rateLimitDelay, type RetryPolicy } from "./transport/backoff";
export { connectionTokenSource, type ConnectionTokenOptions } from "./tokens/connectionTokenSource";
export { staticTokenSource, type TokenSource } from "./tokens/tokenSource";
export { loadConnection } from "./tokens/connectionStore";
export {
  authorizeUrl,
  exchangeCode,
  requestTokens,
  introspectAccessToken,
  revokeRefreshToken,
  type OAuthTokens,
  type TokenIntrospection,
} from "./oauth";
export { CONTACT_PROPERTIES, ENGAGEMENT_PROPERTIES, toContactRecord, type ContactRecord, type HubSpotContact } from "./mapping";
export { upsertContacts, UPSERT_BATCH_SIZE } from "./store/upsertContacts";
export { verifyWebhookSignatureV3, WEBHOOK_MAX_AGE_MS, type WebhookVerification } from "./webhooks";
export { DailyLimitReached, HubSpotApiError, HubSpotAuthError, RetriesExhausted, ConnectionError, type HubSpotErrorBody } from "./errors";
export { systemClock, type Clock } from "./clock";
