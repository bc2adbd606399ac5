import { REQUEST_ID_HEADER, requestIdFrom } from "~/lib/request-id";
import { NextResponse, type NextRequest } from "next/server";

import { hstsHeader } from "./server/hsts";

/**
 * Gives every request an id so that its log lines can be found together; pages and route
 * handlers read it from `x-request-id`. A sent id is kept only if well-formed (`requestIdFrom`).
 */
export function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  const hsts = hstsHeader();
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
