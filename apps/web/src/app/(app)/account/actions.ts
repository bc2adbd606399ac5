"use server";

import { getDb } from "~/server/db";
import { requireAccess } from "~/server/guards";
import { z } from "zod";

import { changePassword } from "@marketable/api";
import { changePasswordInput } from "@marketable/api/validation";

export interface ChangePasswordState {
  done?: boolean;
  fieldErrors?: { currentPassword?: string; newPassword?: string; confirmPassword?: string };
}

/** The signed-in person's own password; the session decides whose, never the form. */
export async function changePasswordAction(_previous: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  const access = await requireAccess();
  const raw = { currentPassword: formData.get("currentPassword") ?? "", newPassword: formData.get("newPassword") ?? "" };
  const parsed = changePasswordInput.safeParse(raw);
  const confirm = formData.get("confirmPassword");
  const confirmError = confirm !== raw.newPassword ? "Type the same new password twice" : undefined;
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    return {
      fieldErrors: {
        currentPassword: fieldErrors.currentPassword?.[0],
        newPassword: fieldErrors.newPassword?.[0],
        confirmPassword: confirmError,
      },
    };
  }
  if (confirmError) return { fieldErrors: { confirmPassword: confirmError } };
  const result = await changePassword(await getDb(), { userId: access.user.id, agencyId: access.agency.id }, parsed.data);
  return result.ok ? { done: true } : { fieldErrors: result.fieldErrors };
}
