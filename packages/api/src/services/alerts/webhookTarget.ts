import { lookup } from "node:dns/promises";

import ipaddr from "ipaddr.js";

/** Shown when the webhook is saved and recorded on a refused delivery; never names the address. */
export const PRIVATE_WEBHOOK_MESSAGE = "This address is on a private network; Marketable only delivers to public addresses";

/**
 * Where alert webhooks may go. The agency chooses the URL and sees each delivery's outcome, so
 * without this the server would probe its own network for them (cloud metadata, databases,
 * admin ports). `allowPrivate` (env ALERT_WEBHOOK_ALLOW_PRIVATE=1) is for local receivers:
 * development, tests, a receiver inside the deployment's own network.
 */
export interface WebhookTargetPolicy {
  allowPrivate: boolean;
}

/** The default everywhere a policy is not passed: public addresses only. */
export const PUBLIC_ADDRESSES_ONLY: WebhookTargetPolicy = { allowPrivate: false };

export interface TargetAddress {
  address: string;
  family: 4 | 6;
}

/** Host name → addresses; the system resolver unless a test passes one (to control the answer). */
export type Resolver = (hostname: string) => Promise<TargetAddress[]>;

/** The delivery's URL resolves to an address the policy refuses: a failed delivery, never retried. */
export class WebhookTargetRefused extends Error {
  constructor() {
    super(PRIVATE_WEBHOOK_MESSAGE);
    this.name = "WebhookTargetRefused";
  }
}

const LOOKUP_TIMEOUT_MS = 5_000;
// IANA's global unicast block. ipaddr.js calls everything it has no name for "unicast", which
// in IPv6 includes unassigned space and the deprecated IPv4-compatible ::a.b.c.d addresses.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

/**
 * Whether one IP address is publicly routable: not private, loopback, link-local, unspecified,
 * multicast, broadcast, CGNAT, documentation/benchmark/reserved, unique-local, or an IPv6 form
 * that carries an IPv4 address to somewhere else (NAT64, 6to4, Teredo). An IPv4-mapped IPv6
 * address (::ffff:a.b.c.d) is judged as the IPv4 address it is.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  if (ip.kind() === "ipv4") return ip.range() === "unicast";
  return ip.range() === "unicast" && ip.match(GLOBAL_UNICAST_V6);
}

const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/** The URL's host as the resolver wants it: an IPv6 literal without its brackets. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Every address the URL's host resolves to, if the policy allows them all. One private address
 * among public ones refuses the host: the connection could land on any of them. The delivery
 * then connects to exactly these addresses (see postToTarget), so a DNS answer that changes
 * between this check and the connection (rebinding) is never used.
 */
export async function resolveWebhookTarget(
  url: string,
  policy: WebhookTargetPolicy,
  resolve: Resolver = systemResolver,
): Promise<TargetAddress[]> {
  const host = hostOf(url);
  const addresses = await withTimeout(
    resolve(host),
    LOOKUP_TIMEOUT_MS,
    `Looking up ${host} took longer than ${LOOKUP_TIMEOUT_MS / 1000} s`,
  );
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  if (!policy.allowPrivate && addresses.some((a) => !isPublicAddress(a.address))) throw new WebhookTargetRefused();
  return addresses;
}

/**
 * At save time: the message for a URL whose host is private under the policy, else null. A host
 * that does not resolve now is accepted (its DNS may not exist yet); every delivery checks again.
 */
export async function refusedWebhookUrlMessage(url: string, policy: WebhookTargetPolicy, resolve?: Resolver): Promise<string | null> {
  if (policy.allowPrivate) return null;
  try {
    await resolveWebhookTarget(url, policy, resolve);
    return null;
  } catch (error) {
    return error instanceof WebhookTargetRefused ? error.message : null;
  }
}
