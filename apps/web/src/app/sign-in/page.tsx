import { auth } from "~/server/auth";
import { mailEnabled } from "~/server/mailer";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { Card, CardContent, CardDescription, CardHeader } from "@marketable/ui/card";

import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const notices: Record<string, string> = {
  "no-agency": "Your account is not a member of any agency any more. Ask for a new invite.",
  "signed-out": "You are signed out.",
  "password-reset": "Your password is changed. Sign in with the new one.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const session = await auth();
  if (session?.user?.id && params.error !== "no-agency") redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <h1 className="text-xl font-semibold leading-none">Sign in to Marketable</h1>
          <CardDescription>Marketing contacts, permissions and billing across your clients&apos; HubSpot portals.</CardDescription>
        </CardHeader>
        <CardContent>
          <SignInForm callbackUrl={params.callbackUrl} notice={params.error ? notices[params.error] : undefined} />
          {mailEnabled() ? (
            <p className="mt-4 text-center text-sm">
              <Link href="/forgot-password" className="text-primary underline-offset-4 hover:underline">
                Forgot your password?
              </Link>
            </p>
          ) : (
            <p className="mt-4 text-sm text-muted-foreground" data-testid="forgot-password-operator">
              Forgot your password? Ask your deployment&apos;s operator to reset it (
              <span className="whitespace-nowrap">admin reset-password</span>).
            </p>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
