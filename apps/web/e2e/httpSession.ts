/**
 * A signed-in session over plain HTTP, for tests and benches that drive the server without a
 * browser. Signs in the way the sign-in form does: next-auth's CSRF token (and its cookie), then a
 * POST to the credentials callback, which answers with the session cookie.
 */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  keepCookies(jar, csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/` }),
  });
  keepCookies(jar, response);
  if (![...jar.keys()].some((name) => name.endsWith("authjs.session-token"))) {
    throw new Error(`signing in as ${email} failed: HTTP ${response.status}, location ${response.headers.get("location") ?? "none"}`);
  }
  return cookieHeader(jar);
}

function keepCookies(jar: Map<string, string>, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** Calls a tRPC procedure over HTTP as the session in `cookie` (superjson's `{json}` envelope). */
export async function callTrpc<T>(baseUrl: string, cookie: string, kind: "query" | "mutation", path: string, input: unknown): Promise<T> {
  const envelope = JSON.stringify({ json: input });
  const response =
    kind === "query"
      ? await fetch(`${baseUrl}/api/trpc/${path}?input=${encodeURIComponent(envelope)}`, { headers: { cookie } })
      : await fetch(`${baseUrl}/api/trpc/${path}`, {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          body: envelope,
        });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!response.ok || !body.result) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(body.error ?? body)}`);
  return body.result.data.json;
}
