"use server";

import { env } from "~/env";
import { getDb } from "~/server/db";
import { mailer } from "~/server/mailer";
import { headers } from "next/headers";
import { z } from "zod";

import { requestPasswordReset, resetRequestSchema } from "@marketable/auth";

export interface ForgotPasswordState {
  email?: string;
  sent?: boolean;
  error?: string;
  fieldErrors?: { email?: string };
}

/** The same answer whether or not the email has an account, so the form does not reveal who has one. */
export async function forgotPasswordAction(_previous: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const raw = formData.get("email");
  const email = typeof raw === "string" ? raw : "";
  const parsed = resetRequestSchema.safeParse({ email });
  if (!parsed.success) return { email, fieldErrors: { email: z.flattenError(parsed.error).fieldErrors.email?.[0] } };
  const send = mailer();
  if (!send)
    return {
      email,
      error: "This portal does not send email. Ask your deployment's operator to reset your password (admin reset-password).",
    };
  const requestHeaders = await headers();
  const clientAddress = requestHeaders.get("x-forwarded-for")?.split(",")[0]?.trim() || requestHeaders.get("x-real-ip") || null;
  const result = await requestPasswordReset(await getDb(), { email: parsed.data.email, clientAddress, appUrl: env().APP_URL, send });
  if (!result.ok) return { email, error: "Too many reset requests. Wait 15 minutes, then try again." };
  return { email: parsed.data.email, sent: true };
}
