// The operator commands' settings (admin, reseal-secrets): each reads the environment here, after
// loadRootEnv(), and nowhere else.
import { z } from "zod";

import { parseEnv } from "@marketable/api/config";
import { resolveDatabaseUrl } from "@marketable/db/config";

const adminEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().optional(),
  APP_URL: z.url("APP_URL must be the portal's public address, e.g. https://portal.example.com").default("http://localhost:3000"),
});

/** `admin`'s settings, validated (a ConfigError names what is wrong). */
export function readAdminEnv() {
  return parseEnv(adminEnvSchema, process.env);
}

/** `reseal-secrets`' settings: the database and the keyring's text. */
export function readResealEnv() {
  return { databaseUrl: resolveDatabaseUrl(process.env), encryptionKeys: process.env.MARKETABLE_ENCRYPTION_KEYS };
}
