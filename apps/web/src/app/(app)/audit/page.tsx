import { Forbidden } from "~/components/forbidden";
import { checkAgencyPermission } from "~/server/guards";
import type { Metadata } from "next";
import { z } from "zod";

import { PageHeader } from "@marketable/ui/page-header";

import { AuditLog } from "./audit-log";

export const metadata: Metadata = { title: "Audit" };

/** `?target=<id>`: one record's entries (a status request's page links here). */
export default async function AuditPage({ searchParams }: { searchParams: Promise<{ target?: string }> }) {
  const { allowed } = await checkAgencyPermission("audit.view");
  if (!allowed) return <Forbidden what="the audit log" />;
  const { target } = await searchParams;
  const targetId = target && z.uuid().safeParse(target).success ? target : undefined;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, connection, change, request and approval: who, when, what, before and after."
      />
      <AuditLog targetId={targetId} />
    </>
  );
}
