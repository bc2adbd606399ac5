import { NextResponse, type NextRequest } from "next/server";

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
  return response;
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
