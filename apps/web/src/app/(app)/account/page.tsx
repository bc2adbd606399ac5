import { requireAccess } from "~/server/guards";
import type { Metadata } from "next";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@marketable/ui/card";
import { PageHeader } from "@marketable/ui/page-header";

import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const access = await requireAccess();
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${access.user.email}.`} />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Password</CardTitle>
          <CardDescription>Forgot it? Ask your deployment&apos;s operator to reset it (admin reset-password).</CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm />
        </CardContent>
      </Card>
    </>
  );
}
