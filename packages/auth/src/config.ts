import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { accounts, sessions, users, verificationTokens, type Db } from "@marketable/db";
import { logger } from "@marketable/logger";

import { verifyCredentials } from "./verifyCredentials";

/** Told apart in the sign-in form so that a lock-out reads differently from a typo. */
export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}
export class ThrottledSignIn extends CredentialsSignin {
  override code = "throttled";
}

export interface AuthOptions {
  getDb: () => Promise<Db>;
  secret: string;
  /** A generic OpenID Connect provider for SSO, enabled when all three are set. */
  oidc?: { issuer: string; clientId: string; clientSecret: string; name?: string } | null;
}

function clientAddress(request: Request | undefined): string | null {
  const forwarded = request?.headers.get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || request?.headers.get("x-real-ip") || null;
}

export async function createAuthConfig(options: AuthOptions): Promise<NextAuthConfig> {
  const db = await options.getDb();
  return {
    secret: options.secret,
    trustHost: true,
    // Credentials need JWT sessions (docs/toolchain.md pitfall 6). The token carries the user id
    // only: roles and grants are re-read from the database on every request.
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    pages: { signIn: "/sign-in" },
    // Auth.js logs every refused password as an error with a stack; ours are expected events.
    logger: {
      error(error) {
        if (error instanceof CredentialsSignin) logger.info({ code: error.code }, "sign-in refused");
        else logger.error({ err: error }, "auth error");
      },
      warn(code) {
        logger.warn({ code }, "auth warning");
      },
      debug() {},
    },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const result = await verifyCredentials(db, credentials, clientAddress(request));
          if (!result.ok) throw result.reason === "throttled" ? new ThrottledSignIn() : new InvalidCredentials();
          return result.user;
        },
      }),
      ...(options.oidc
        ? [
            {
              id: "oidc",
              name: options.oidc.name ?? "SSO",
              type: "oidc" as const,
              issuer: options.oidc.issuer,
              clientId: options.oidc.clientId,
              clientSecret: options.oidc.clientSecret,
            },
          ]
        : []),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}

export function createAuth(options: AuthOptions) {
  return NextAuth(() => createAuthConfig(options));
}
