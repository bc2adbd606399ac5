import { z } from "zod";

import { emailAddress, recordId, text } from "./primitives";

export const email = emailAddress("Enter a valid email address");

export const inviteRole = z.enum(["admin", "billing", "member", "owner"], { message: "Choose a role" });
export const grantRole = z.enum(["manager", "analyst", "client"], { message: "Choose a portal role" });

export const inviteInput = z
  .object({
    email,
    role: inviteRole,
    grants: z
      .array(z.object({ portalId: recordId("Choose a portal"), role: grantRole }), { message: "Choose portals to grant" })
      .max(500, "Grant at most 500 portals at once")
      .default([]),
  })
  .refine((v) => v.role === "member" || v.grants.length === 0, {
    message: "Portal access is for members; owners, admins and billing already see every portal",
    path: ["grants"],
  });

// Not trimmed: spaces are part of a password.
export const password = text({
  trim: false,
  min: 10,
  max: 200,
  tooShort: "Use at least 10 characters",
  tooLong: "Use at most 200 characters",
  notText: "Enter a password",
});

export const acceptInvitationInput = z.object({
  token: text({ trim: false, min: 10, max: 200, tooShort: "This invite link is not valid", tooLong: "This invite link is not valid" }),
  name: text({ min: 1, max: 120, tooShort: "Enter your name", tooLong: "Keep your name to 120 characters or fewer" }),
  password,
});
