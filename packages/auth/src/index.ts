export { createAuth, createAuthConfig, InvalidCredentials, ThrottledSignIn, type AuthOptions } from "./config";
export { verifyCredentials, credentialsSchema, type CredentialsResult } from "./verifyCredentials";
export { THROTTLE } from "./throttle";
export { AuthError, CredentialsSignin } from "next-auth";
export {
  requestPasswordReset,
  resetPasswordWithToken,
  resetTokenState,
  resetRequestSchema,
  resetTokenMessages,
  hashResetToken,
  RESET_TOKEN_TTL_MS,
  type ResetRequestResult,
  type ResetPasswordResult,
  type ResetTokenState,
} from "./passwordReset/resetTokens";
export { createMailer, type SendMail } from "./mail/mailer";
export type { MailMessage } from "./mail/mailer";
