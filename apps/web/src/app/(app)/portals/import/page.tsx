import { Forbidden } from "~/components/forbidden";
import { checkAgencyPermission } from "~/server/guards";
import type { Metadata } from "next";

import { PageHeader } from "@marketable/ui/page-header";

import { CsvImport } from "./csv-import";
import { PartnerImport } from "./partner-import";

export const metadata: Metadata = { title: "Import portals" };

export default async function ImportPortalsPage() {
  const { allowed } = await checkAgencyPermission("portal.connect");
  if (!allowed) return <Forbidden what="importing portals" />;
  return (
    <>
      <PageHeader
        title="Import your client list"
        description="Add many client portals at once: from a CSV file, or from your HubSpot partner account's client list."
      />
      <div className="space-y-10">
        <CsvImport />
        <PartnerImport />
      </div>
    </>
  );
}
