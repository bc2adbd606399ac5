"use client";

import { useActionState } from "react";

import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";

import { acceptInviteAction, type AcceptState } from "./actions";

export function AcceptInviteForm({ token, email, hasAccount }: { token: string; email: string; hasAccount: boolean }) {
  const [state, action, pending] = useActionState<AcceptState, FormData>(acceptInviteAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? (
        <Alert variant="destructive" data-testid="invite-error">
          {state.error}
        </Alert>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <FormField label="Email">
        <Input value={email} readOnly aria-readonly="true" />
      </FormField>
      <FormField label="Your name" error={state.fieldErrors?.name} required>
        <Input name="name" autoComplete="name" defaultValue={state.name} />
      </FormField>
      <FormField
        label={hasAccount ? "Your password" : "Choose a password"}
        description={hasAccount ? "You already have an account: enter its password to join." : "At least 10 characters."}
        error={state.fieldErrors?.password}
        required
      >
        <Input name="password" type="password" autoComplete={hasAccount ? "current-password" : "new-password"} />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Join the agency"}
      </Button>
    </form>
  );
}
