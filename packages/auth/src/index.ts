export { createAuth, createAuthConfig, InvalidCredentials, ThrottledSignIn, type AuthOptions } from "./config";
export { verifyCredentials, credentialsSchema, type CredentialsResult } from "./verifyCredentials";
export { THROTTLE } from "./throttle";
export { AuthError, CredentialsSignin } from "next-auth";
