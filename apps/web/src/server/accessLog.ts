import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";

import { logger } from "@marketable/logger";

interface HttpServerMessage {
  request: IncomingMessage;
  response: ServerResponse;
}

const log = logger.child({ process: "web" });
const started = new WeakMap<IncomingMessage, bigint>();
let installed = false;

/**
 * One access-log line per request (method, path, status, duration, request id), from Node's
 * own HTTP diagnostics channels: they see every request the server answers, static files and
 * redirects included, with the final status, which the proxy (it runs before the route) and the
 * route handlers (only some requests) cannot. The query string is left out: OAuth codes and
 * invitation tokens travel in it.
 */
export function installAccessLog(): void {
  if (installed) return;
  installed = true;
  subscribe("http.server.request.start", (message) => {
    started.set((message as HttpServerMessage).request, process.hrtime.bigint());
  });
  subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as HttpServerMessage;
    const start = started.get(request);
    const requestId = response.getHeader("x-request-id") ?? request.headers["x-request-id"];
    log.info(
      {
        method: request.method,
        path: (request.url ?? "").split("?")[0],
        status: response.statusCode,
        durationMs: start === undefined ? null : Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10,
        requestId: typeof requestId === "string" ? requestId : null,
      },
      "request",
    );
  });
}
