"use server";

import { TRPCError } from "@trpc/server";
import { signIn } from "~/server/auth";
import { getDb } from "~/server/db";
import { z } from "zod";

import { acceptInvitation } from "@marketable/api";
import { acceptInvitationInput } from "@marketable/api/validation";

export interface AcceptState {
  name?: string;
  error?: string;
  fieldErrors?: { name?: string[]; password?: string[] };
}

export async function acceptInviteAction(_previous: AcceptState, formData: FormData): Promise<AcceptState> {
  const raw = { token: formData.get("token"), name: formData.get("name"), password: formData.get("password") };
  const name = typeof raw.name === "string" ? raw.name : "";
  const parsed = acceptInvitationInput.safeParse(raw);
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    return { name, fieldErrors: { name: fieldErrors.name, password: fieldErrors.password }, error: fieldErrors.token?.[0] };
  }
  let email: string;
  try {
    ({ email } = await acceptInvitation(await getDb(), parsed.data, new Date()));
  } catch (error) {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") return { name, error: error.message };
    throw error;
  }
  await signIn("credentials", { email, password: parsed.data.password, redirectTo: "/" });
  return {};
}
