import { NextResponse, type NextRequest } from "next/server";
import { hstsHeader } from "./server/hsts";

/**
 * Gives every request an id (kept if a trusted proxy sent one) so that its log lines can be
 * found together; pages and route handlers read it from `x-request-id`.
 */
export function proxy(request: NextRequest) {
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  const hsts = hstsHeader();
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
