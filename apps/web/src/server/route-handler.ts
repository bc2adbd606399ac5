import { REQUEST_ID_HEADER, requestIdFrom } from "~/lib/request-id";
import { unstable_rethrow } from "next/navigation";
import type { NextRequest } from "next/server";

import { logger, type Logger } from "@marketable/logger";

/** What a route handler gets besides its request: the request's (validated) id and a logger carrying it. */
export interface RequestScope {
  requestId: string;
  log: Logger;
}

/** The only thing a client learns of an unexpected error: the reference to find it in the logs. */
export function unexpectedErrorMessage(requestId: string): string {
  return `Something went wrong on our side; reference ${requestId}`;
}

/**
 * Every route handler is built with this. It gives the handler the request's id (`requestIdFrom`:
 * a well-formed sent id, else a new one), answers any error the handler did not turn into a
 * response with the generic message and that id (JSON `{ error, requestId }`, `failureStatus`,
 * 500 unless said otherwise), never the error's own text, logs the full error with the id, and
 * puts the id in the response's `x-request-id`. Next.js's own control flow (redirect, notFound)
 * is rethrown untouched. `logger` is for tests that read the log lines.
 */
export function routeHandler<RouteContext = unknown>(
  route: string,
  handle: (request: NextRequest, scope: RequestScope, context: RouteContext) => Response | Promise<Response>,
  options: { failureStatus?: number; logger?: Logger } = {},
) {
  const base = options.logger ?? logger;
  return async (request: NextRequest, context: RouteContext): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    const log = base.child({ requestId, route });
    let response: Response;
    try {
      response = await handle(request, { requestId, log }, context);
    } catch (error) {
      unstable_rethrow(error);
      log.error({ err: error }, "route handler failed");
      response = Response.json(
        { error: unexpectedErrorMessage(requestId), requestId },
        { status: options.failureStatus ?? 500, headers: { "cache-control": "no-store" } },
      );
    }
    return withRequestId(response, requestId);
  };
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    // Response.redirect() and fetched responses have immutable headers: copy them.
    const copy = new Response(response.body, response);
    copy.headers.set(REQUEST_ID_HEADER, requestId);
    return copy;
  }
}
