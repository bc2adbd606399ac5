import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedAlert {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  answered: number;
}

/**
 * An agency's webhook endpoint on 127.0.0.1: records every POST and answers with the next
 * status from `answers` (200 once they run out), so a test can make the first attempt fail or
 * answer with a redirect.
 */
export async function startAlertReceiver(answers: number[] = []) {
  const received: ReceivedAlert[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const answered = answers.shift() ?? 200;
      received.push({ headers: req.headers, rawBody: Buffer.concat(chunks).toString("utf8"), answered });
      // A redirect points back here: a client that followed it would show up as a second POST.
      const location = answered >= 300 && answered < 400 ? { location: "/hooks/redirected" } : {};
      res.writeHead(answered, { "content-type": "application/json", ...location }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/marketable`,
    received,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
