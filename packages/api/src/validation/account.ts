import { z } from "zod";

import { password } from "./members";

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(200),
  newPassword: password,
});

/** The new password on the page an emailed reset link opens (the token comes from the link). */
export const resetPasswordSchema = z.object({ newPassword: password });

export const createOwnerInput = z.object({
  agency: z.string().trim().min(1, "--agency: give the agency's name").max(120, "--agency: use at most 120 characters"),
  email: z.email("--email: give the owner's email address").transform((email) => email.toLowerCase()),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "--slug: lower-case letters, digits and single dashes")
    .max(60)
    .optional(),
});
