import path from "node:path";

import type { NextConfig } from "next";

/**
 * A static CSP: Next's hydration needs inline scripts (no nonce plumbing here), but nothing may
 * load from another origin, frames are refused and forms post only to us.
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  // HSTS is not here: these headers are fixed at build time, and whether the site is served over
  // https is the runtime APP_URL's to say (src/server/hsts.ts, set by the proxy).
];

const config: NextConfig = {
  reactStrictMode: true,
  // Production runs `.next/standalone` (a server with only the files it needs; see serve.mjs).
  // Traced from the repository root so the workspace packages are found; the migrations travel
  // with it because the embedded default migrates at boot.
  output: "standalone",
  outputFileTracingRoot: path.join(import.meta.dirname, "../.."),
  outputFileTracingIncludes: { "/**": ["../../packages/db/migrations/**"] },
  poweredByHeader: false,
  transpilePackages: [
    "@marketable/api",
    "@marketable/auth",
    "@marketable/db",
    "@marketable/permissions",
    "@marketable/ui",
    "@marketable/logger",
    "@marketable/billing",
    "@marketable/jobs",
    "@marketable/hubspot",
  ],
  // PGlite, pg and native argon2 must stay outside the server bundle (docs/toolchain.md pitfall 7).
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-boss", "@node-rs/argon2", "pino", "@hubspot/api-client"],
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default config;
