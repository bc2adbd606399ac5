import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The body byte for byte: the signature covers it as sent, not as re-serialised JSON. */
  rawBody: string;
}

/**
 * An agency's webhook endpoint inside the test process, on 127.0.0.1 and an ephemeral port (the
 * only http:// address the webhook form accepts): records every request and answers 200.
 */
export async function startAlertWebhookReceiver() {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/marketable`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The receiver's check, written from the documented scheme rather than imported from the product,
 * so a change to how Marketable signs breaks this test: `sha256=<hex HMAC-SHA256 over
 * "<timestamp>.<raw body>">` in x-marketable-signature, the Unix-seconds timestamp in
 * x-marketable-timestamp.
 */
export function expectedSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}
