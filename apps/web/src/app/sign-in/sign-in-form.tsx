"use client";

import { useActionState, useState } from "react";

import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";

import { signInAction, type SignInState } from "./actions";

export function SignInForm({ callbackUrl, notice }: { callbackUrl?: string; notice?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  // Kept across a refused attempt (a form action resets uncontrolled fields): the error under the
  // field then describes what is in it, and a typo is fixed instead of the whole password retyped.
  const [password, setPassword] = useState("");
  return (
    <form action={action} className="space-y-4" noValidate>
      {notice && !state.error ? <Alert variant="info">{notice}</Alert> : null}
      {state.error ? (
        <Alert variant="destructive" data-testid="sign-in-error">
          {state.error}
        </Alert>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
      <FormField label="Email" error={state.fieldErrors?.email} required>
        <Input name="email" type="email" autoComplete="email" defaultValue={state.email} autoFocus />
      </FormField>
      <FormField label="Password" error={state.fieldErrors?.password} required>
        <Input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
