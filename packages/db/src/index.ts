export * from "./client";
export * from "./migrate";
export * as schema from "./schema";
export * from "./schema";
export * from "./password";
export * from "./crypto/secretBox";
export * from "./crypto/resealSecrets";
export * from "./config";
