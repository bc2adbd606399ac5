import { Forbidden } from "~/components/forbidden";
import { checkAgencyPermission } from "~/server/guards";
import type { Metadata } from "next";

import { Alert } from "@marketable/ui/alert";
import { PageHeader } from "@marketable/ui/page-header";

import { ConnectOptions } from "./connect-options";

export const metadata: Metadata = { title: "Connect a portal" };

export default async function ConnectPortalPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { allowed } = await checkAgencyPermission("portal.connect");
  if (!allowed) return <Forbidden what="connecting portals" />;
  const { error, portalId } = await searchParams;
  return (
    <>
      <PageHeader
        title="Connect a HubSpot portal"
        description="Marketable reads contacts and writes marketing status through HubSpot's API. Tokens are encrypted and never sent to the browser."
      />
      {error ? (
        <Alert variant="destructive" className="mb-6" data-testid="connect-error">
          {error}
        </Alert>
      ) : null}
      <ConnectOptions portalId={portalId} />
    </>
  );
}
