import { toApiSubscription } from "../routes/webhooksApi";
import { type App } from "../state/apps";
import { type BillingTerm, type Edition, type Portal } from "../state/portal";
import { type SandboxState } from "../state/sandboxState";

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

/** A portal as the admin API shows it: its plan, its counts and its installed apps. */
export function summarizePortal(state: SandboxState, p: Portal): PortalSummary {
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
    partner: p.hubId === state.agency.partnerHubId,
    token: p.privateApp.token,
    privateAppId: p.privateApp.appId,
    contacts: p.contacts.liveCount,
    marketingContacts: p.contacts.marketingCount,
    pendingDemotions: pending,
    apps: [...p.apps.values()].map((i) => {
      const a = state.apps.get(i.appId);
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

export function summarizeApps(state: SandboxState): AppSummary[] {
  return [...state.apps.values()].map((a) => ({
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
