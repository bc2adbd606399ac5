"use server";

import { signIn } from "~/server/auth";
import { z } from "zod";

import { AuthError, credentialsSchema } from "@marketable/auth";

export interface SignInState {
  email?: string;
  error?: string;
  fieldErrors?: { email?: string[]; password?: string[] };
}

function safeCallback(value: FormDataEntryValue | null): string {
  const target = typeof value === "string" ? value : "/";
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  return target.startsWith("/") && !target.startsWith("//") ? target : "/";
}

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const raw = { email: formData.get("email"), password: formData.get("password") };
  const parsed = credentialsSchema.safeParse(raw);
  const email = typeof raw.email === "string" ? raw.email : "";
  if (!parsed.success) return { email, fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallback(formData.get("callbackUrl")) });
    return {};
  } catch (error) {
    // signIn throws NEXT_REDIRECT on success (docs/toolchain.md pitfall 6): only AuthErrors are ours.
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "throttled") return { email, error: "Too many failed attempts. Wait 15 minutes, then try again." };
      if (error.type === "CredentialsSignin") return { email, error: "Wrong email or password." };
      return { email, error: "Sign-in failed. Please try again." };
    }
    throw error;
  }
}
