"use client";

import { useActionState } from "react";

import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";

import { forgotPasswordAction, type ForgotPasswordState } from "./actions";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<ForgotPasswordState, FormData>(forgotPasswordAction, {});
  if (state.sent) {
    return (
      <Alert role="status" data-testid="reset-requested">
        If {state.email} has an account here, we have sent it a link to choose a new password. The link works once, for one hour. Check your
        spam folder if it does not arrive in a few minutes.
      </Alert>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? (
        <Alert variant="destructive" data-testid="reset-request-error">
          {state.error}
        </Alert>
      ) : null}
      <FormField label="Email" error={state.fieldErrors?.email} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={state.email} autoFocus />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Email me a reset link"}
      </Button>
    </form>
  );
}
