import http from "node:http";
import type { AddressInfo } from "node:net";

import type { WorkerDeps } from "../src/jobs/workerDeps";
import { handleWebhookRequest, type WebhookResponse } from "../src/services/webhooks/handleWebhookRequest";

export interface ReceivedDelivery {
  url: string;
  headers: Record<string, string>;
  rawBody: string;
  response: WebhookResponse;
}

/**
 * A plain HTTP server on 127.0.0.1 standing in for the Next.js route: it hands each request to the
 * same `handleWebhookRequest` the route calls, and remembers what it got and answered.
 */
export async function startWebhookReceiver(deps: () => WorkerDeps) {
  const received: ReceivedDelivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url ?? "/"}`;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      void handleWebhookRequest(deps(), { method: req.method ?? "GET", url, headers, rawBody, now: Date.now() }).then((response) => {
        received.push({ url, headers: Object.fromEntries(headers), rawBody, response });
        res.writeHead(response.status, { "content-type": "application/json" }).end(JSON.stringify(response.body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/hubspot/webhooks`;
  return {
    url,
    received,
    /** POSTs a body with the given headers, as HubSpot (or an attacker) would. */
    async post(body: string, headers: Record<string, string>) {
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
      return { status: res.status, body: (await res.json()) as WebhookResponse["body"] };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
