import type { Metadata } from "next";
import { NotBuiltYet } from "~/components/not-built";
import { requireAccess } from "~/server/guards";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage() {
  await requireAccess();
  return <NotBuiltYet title="Contacts" description="Synced contacts per portal, with filters and marketing-status requests. It arrives with contact sync." />;
}
