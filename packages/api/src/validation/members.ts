import { z } from "zod";

export const email = z.email({ message: "Enter a valid email address" }).trim().toLowerCase();

export const inviteRole = z.enum(["admin", "billing", "member", "owner"], { message: "Choose a role" });
export const grantRole = z.enum(["manager", "analyst", "client"], { message: "Choose a portal role" });

export const inviteInput = z
  .object({
    email,
    role: inviteRole,
    grants: z.array(z.object({ portalId: z.uuid(), role: grantRole })).max(500).default([]),
  })
  .refine((v) => v.role === "member" || v.grants.length === 0, {
    message: "Portal access is for members; owners, admins and billing already see every portal",
    path: ["grants"],
  });

export const password = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

export const acceptInvitationInput = z.object({
  token: z.string().min(10, "This invite link is not valid"),
  name: z.string().trim().min(1, "Enter your name").max(120),
  password,
});
