import { PageHeader } from "@marketable/ui/page-header";
import type { Metadata } from "next";
import { Forbidden } from "~/components/forbidden";
import { checkAgencyPermission } from "~/server/guards";
import { AuditLog } from "./audit-log";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  const { allowed } = await checkAgencyPermission("audit.view");
  if (!allowed) return <Forbidden what="the audit log" />;
  return (
    <>
      <PageHeader title="Audit log" description="Every sign-in, connection, change, request and approval: who, when, what, before and after." />
      <AuditLog />
    </>
  );
}
