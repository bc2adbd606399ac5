// Words for a portal's stored enum values, where people read them. The database keeps the codes;
// CSS `capitalize` would also have capitalised the free text next to them (domains, dates).
import type { RouterOutputs } from "~/trpc/types";

type Portal = RouterOutputs["portals"]["get"]["portal"];
type Contract = NonNullable<Portal["contract"]>;

const EDITIONS: Record<Portal["edition"], string> = { starter: "Starter", professional: "Professional", enterprise: "Enterprise" };
const TERMS: Record<Contract["billingTerm"], string> = { monthly: "Monthly", yearly: "Yearly" };
const CONNECTIONS: Record<Portal["connectionStatus"], string> = {
  manual: "Not connected",
  connected: "Connected",
  needs_reauth: "Needs reconnecting",
  disconnected: "Disconnected",
};

export const editionLabel = (edition: Portal["edition"]) => EDITIONS[edition];
export const billingTermLabel = (term: Contract["billingTerm"]) => TERMS[term];
export const connectionLabel = (status: Portal["connectionStatus"]) => CONNECTIONS[status];
