import "server-only";

/**
 * Under serve.mjs's cluster, tells the primary that this server passed its start checks: it then
 * starts the others (so a failed check is said once). Without a primary there is no channel.
 */
export function reportReady() {
  process.send?.({ type: "marketable:web-ready" });
}
