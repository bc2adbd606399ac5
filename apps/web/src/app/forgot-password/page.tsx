import { mailEnabled } from "~/server/mailer";
import type { Metadata } from "next";
import Link from "next/link";

import { Button } from "@marketable/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@marketable/ui/card";

import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };
// Whether mail is on is read at run time (SMTP_URL), never baked in at build time.
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  const enabled = mailEnabled();
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <h1 className="text-xl font-semibold leading-none">Forgot your password?</h1>
          <CardDescription>
            {enabled ? (
              "Enter the email you sign in with and we will send you a link to choose a new password."
            ) : (
              <>
                This portal does not send email. Ask your deployment&apos;s operator to reset your password (
                <span className="whitespace-nowrap">admin reset-password</span>).
              </>
            )}
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {enabled ? <ForgotPasswordForm /> : null}
          <Button asChild variant="link" className="px-0">
            <Link href="/sign-in">Back to sign-in</Link>
          </Button>
        </CardContent>
      </Card>
    </main>
  );
}
