import type { Metadata } from "next";
import { NotBuiltYet } from "~/components/not-built";
import { requireAccess } from "~/server/guards";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireAccess();
  return <NotBuiltYet title="Settings" description="Agency settings such as approval thresholds and alert webhooks. They arrive with the features that use them." />;
}
