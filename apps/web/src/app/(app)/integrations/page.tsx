import type { Metadata } from "next";
import { NotBuiltYet } from "~/components/not-built";
import { requireAccess } from "~/server/guards";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  await requireAccess();
  return <NotBuiltYet title="Integrations" description="Which connected apps create marketing contacts in each client portal, the agency's policy per app, and drift. It arrives with portal connection and sync." />;
}
