export { parseEnv } from "./parseEnv";
export { AUTH_SECRET_MIN_LENGTH, checkServerSettings, mailSettings, serverEnvSchema } from "./serverEnv";
