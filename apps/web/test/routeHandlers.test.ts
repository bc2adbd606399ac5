import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

const appDir = new URL("../src/app", import.meta.url).pathname;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Every route handler is built with `routeHandler` (src/server/route-handler.ts), so none can let
 * an error's text reach a client or miss the request id: a handler written as a plain
 * `export async function GET` fails here.
 */
describe("route handlers", () => {
  const files = routeFiles(appDir);

  it("finds the app's route handlers", () => {
    expect(files.map((file) => path.relative(appDir, file)).sort()).toEqual(
      expect.arrayContaining([
        "api/health/route.ts",
        "api/hubspot/webhooks/route.ts",
        "api/hubspot/oauth/callback/route.ts",
        "api/trpc/[trpc]/route.ts",
      ]),
    );
  });

  it.each(routeFiles(appDir).map((file) => [path.relative(appDir, file), file]))(
    "%s exports only handlers built by routeHandler",
    (_name, file) => {
      const source = fs.readFileSync(file, "utf8");
      expect(source).toMatch(/\brouteHandler\(/);
      expect(source).not.toMatch(/export\s+(async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/);
      expect(source).not.toMatch(/export\s+const\s+\{/);
      for (const [, method] of source.matchAll(/export\s+const\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s*=\s*(\w+)/g)) {
        expect(source, `${method} is routeHandler(...)`).toMatch(new RegExp(`export\\s+const\\s+${method}\\s*=\\s*routeHandler\\(`));
      }
    },
  );
});
