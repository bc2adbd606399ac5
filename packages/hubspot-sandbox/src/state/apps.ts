/** Webhook subscription of an app, in the shape of webhooks v3's `SubscriptionResponse`. */
export interface WebhookSubscription {
  id: string;
  eventType: "contact.creation" | "contact.propertyChange" | "contact.deletion";
  propertyName?: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface WebhookSettings {
  targetUrl: string | null;
  maxConcurrentRequests: number;
  createdAt: number;
  updatedAt: number;
  subscriptions: WebhookSubscription[];
}

/**
 * An app (public OAuth app or marketplace integration). Apps live at the sandbox level, like
 * HubSpot's developer apps, and are installed per portal (Portal.apps) with a marketing switch.
 */
export interface App {
  appId: number;
  name: string;
  clientId: string;
  clientSecret: string;
  /** Developer API key (`hapikey`) for the webhooks v3 management endpoints. */
  developerApiKey: string;
  /** Empty: any redirect URI is accepted (convenient for local end-to-end suites). */
  redirectUris: string[];
  /** Calendar-sync style apps never create contacts. */
  createsContacts: boolean;
  kind: "crm-sync" | "calendar" | "forms" | "ecommerce" | "automation" | "product";
  webhooks: WebhookSettings;
}
