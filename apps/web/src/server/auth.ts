import "server-only";

import { env } from "~/env";

import { createAuth } from "@marketable/auth";

import { getDb } from "./db";

export const { handlers, auth, signIn, signOut } = createAuth({
  getDb,
  get secret() {
    return env().authSecret;
  },
  get oidc() {
    return env().oidc;
  },
});
