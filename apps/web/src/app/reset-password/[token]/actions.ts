"use server";

import { getDb } from "~/server/db";
import { redirect } from "next/navigation";
import { z } from "zod";

import { resetPasswordSchema } from "@marketable/api/validation";
import { resetPasswordWithToken, resetTokenMessages } from "@marketable/auth";

export interface ResetPasswordState {
  error?: string;
  fieldErrors?: { newPassword?: string; confirmPassword?: string };
}

/** Sets the password from an emailed link; the token decides whose, never the form. */
export async function resetPasswordAction(_previous: ResetPasswordState, formData: FormData): Promise<ResetPasswordState> {
  const token = formData.get("token");
  const newPassword = formData.get("newPassword") ?? "";
  const confirmError = formData.get("confirmPassword") !== newPassword ? "Type the same new password twice" : undefined;
  const parsed = resetPasswordSchema.safeParse({ newPassword });
  if (!parsed.success)
    return { fieldErrors: { newPassword: z.flattenError(parsed.error).fieldErrors.newPassword?.[0], confirmPassword: confirmError } };
  if (confirmError) return { fieldErrors: { confirmPassword: confirmError } };
  if (typeof token !== "string" || token.length === 0 || token.length > 200) return { error: resetTokenMessages.unknown };
  const result = await resetPasswordWithToken(await getDb(), { token, newPassword: parsed.data.newPassword });
  if (!result.ok) return { error: resetTokenMessages[result.reason] };
  redirect("/sign-in?error=password-reset");
}
