import type { Metadata } from "next";
import { NotBuiltYet } from "~/components/not-built";
import { requireAccess } from "~/server/guards";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage() {
  await requireAccess();
  return <NotBuiltYet title="Billing" description="Contact-tier usage, projections to renewal, what-if and the agency roll-up. It arrives with usage snapshots." />;
}
