import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

import type { TargetAddress } from "./webhookTarget";

/**
 * A lookup that answers with the vetted addresses only, whatever DNS says now: the socket
 * connects where the check looked. TLS still verifies the certificate against the URL's host.
 */
function pinnedLookup(addresses: TargetAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    if (wanted.length === 0)
      return callback(Object.assign(new Error("No vetted address of the requested family"), { code: "ENOTFOUND" }), "", 0);
    if (options.all) return callback(null, wanted);
    callback(null, wanted[0]!.address, wanted[0]!.family);
  };
}

/**
 * POSTs `body` to `url`, connecting only to `addresses` (from resolveWebhookTarget), and returns
 * the receiver's HTTP status. Redirects are not followed (node:http never does); the response
 * body is not read. A fresh connection each time: a pooled socket must not outlive its check.
 */
export function postToTarget(
  url: string,
  addresses: TargetAddress[],
  init: { headers: Record<string, string>; body: string; timeoutMs: number },
): Promise<number> {
  const target = new URL(url);
  const transport = target.protocol === "https:" ? https : http;
  const signal = AbortSignal.timeout(init.timeoutMs);
  return new Promise<number>((resolve, reject) => {
    const req = transport.request(
      target,
      {
        method: "POST",
        headers: { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) },
        lookup: pinnedLookup(addresses),
        agent: false,
        signal,
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    req.on("error", (error) => reject(signal.aborted ? new Error(`The receiver did not answer within ${init.timeoutMs / 1000} s`) : error));
    req.end(init.body);
  });
}
