import { getDb } from "~/server/db";
import type { Metadata } from "next";
import Link from "next/link";

import { resetTokenMessages, resetTokenState } from "@marketable/auth";
import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@marketable/ui/card";

import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = token.length <= 200 ? await resetTokenState(await getDb(), token) : "unknown";
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <Card className="w-full max-w-sm">
        {state === "valid" ? (
          <>
            <CardHeader>
              <h1 className="text-xl font-semibold leading-none">Choose a new password</h1>
              <CardDescription>You will sign in with it from now on.</CardDescription>
            </CardHeader>
            <CardContent>
              <ResetPasswordForm token={token} />
            </CardContent>
          </>
        ) : (
          <>
            <CardHeader>
              <h1 className="text-xl font-semibold leading-none">This link cannot be used</h1>
            </CardHeader>
            <CardContent className="space-y-4">
              <Alert variant="warning" data-testid="reset-link-state">
                {resetTokenMessages[state]}
              </Alert>
              <div className="flex flex-wrap gap-2">
                <Button asChild>
                  <Link href="/forgot-password">Ask for a new link</Link>
                </Button>
                <Button asChild variant="outline">
                  <Link href="/sign-in">Go to sign-in</Link>
                </Button>
              </div>
            </CardContent>
          </>
        )}
      </Card>
    </main>
  );
}
