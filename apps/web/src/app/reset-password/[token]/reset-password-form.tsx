"use client";

import { useActionState } from "react";

import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";

import { resetPasswordAction, type ResetPasswordState } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ResetPasswordState, FormData>(resetPasswordAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? (
        <Alert variant="destructive" data-testid="reset-password-error">
          {state.error}
        </Alert>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <FormField label="New password" description="At least 10 characters." error={state.fieldErrors?.newPassword} required>
        <Input name="newPassword" type="password" autoComplete="new-password" autoFocus />
      </FormField>
      <FormField label="New password again" error={state.fieldErrors?.confirmPassword} required>
        <Input name="confirmPassword" type="password" autoComplete="new-password" />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
