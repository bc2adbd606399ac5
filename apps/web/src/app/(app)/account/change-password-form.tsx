"use client";

import { useActionState } from "react";

import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";

import { changePasswordAction, type ChangePasswordState } from "./actions";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  return (
    // A new key after success clears the fields, so the old password is not left in the form.
    <form key={state.done ? "done" : "editing"} action={action} className="max-w-md space-y-4" noValidate>
      {state.done ? (
        <Alert data-testid="password-changed" role="status">
          Your password is changed. Use the new one next time you sign in.
        </Alert>
      ) : null}
      <FormField label="Current password" error={state.fieldErrors?.currentPassword} required>
        <Input name="currentPassword" type="password" autoComplete="current-password" />
      </FormField>
      <FormField label="New password" description="At least 10 characters." error={state.fieldErrors?.newPassword} required>
        <Input name="newPassword" type="password" autoComplete="new-password" />
      </FormField>
      <FormField label="New password again" error={state.fieldErrors?.confirmPassword} required>
        <Input name="confirmPassword" type="password" autoComplete="new-password" />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
