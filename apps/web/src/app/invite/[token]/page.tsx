import { getDb } from "~/server/db";
import type { Metadata } from "next";
import Link from "next/link";

import { invitationMessages, lookupInvitation } from "@marketable/api";
import { Alert } from "@marketable/ui/alert";
import { Button } from "@marketable/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@marketable/ui/card";

import { AcceptInviteForm } from "./accept-form";

export const metadata: Metadata = { title: "Join an agency" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await lookupInvitation(await getDb(), token, new Date());
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <Card className="w-full max-w-sm">
        {invitation.state === "valid" ? (
          <>
            <CardHeader>
              <h1 className="text-xl font-semibold leading-none">Join {invitation.agencyName}</h1>
              <CardDescription>You were invited to Marketable as {invitation.role}.</CardDescription>
            </CardHeader>
            <CardContent>
              <AcceptInviteForm token={token} email={invitation.email ?? ""} hasAccount={invitation.hasAccount ?? false} />
            </CardContent>
          </>
        ) : (
          <>
            <CardHeader>
              <h1 className="text-xl font-semibold leading-none">This invite cannot be used</h1>
            </CardHeader>
            <CardContent className="space-y-4">
              <Alert variant="warning" data-testid="invite-state">
                {invitationMessages[invitation.state]}
              </Alert>
              <Button asChild variant="outline">
                <Link href="/sign-in">Go to sign-in</Link>
              </Button>
            </CardContent>
          </>
        )}
      </Card>
    </main>
  );
}
