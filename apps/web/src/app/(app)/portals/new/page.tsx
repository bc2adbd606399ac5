import { Forbidden } from "~/components/forbidden";
import { checkAgencyPermission } from "~/server/guards";
import type { Metadata } from "next";

import { PageHeader } from "@marketable/ui/page-header";

import { PortalForm } from "../portal-form";

export const metadata: Metadata = { title: "Add a portal" };

export default async function NewPortalPage() {
  const { allowed } = await checkAgencyPermission("portal.connect");
  if (!allowed) return <Forbidden what="adding portals" />;
  return (
    <>
      <PageHeader title="Add a portal" description="A manual record of a client portal and its Marketing Hub contract." />
      <PortalForm mode="create" />
    </>
  );
}
