import { TRPCError } from "@trpc/server";
import { billingTermLabel, connectionLabel, editionLabel } from "~/lib/portal-labels";
import { requireAccess } from "~/server/guards";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";

import { can as allowed } from "@marketable/permissions";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@marketable/ui/card";
import { formatContractDay, formatNumber } from "@marketable/ui/format";
import { PageHeader } from "@marketable/ui/page-header";

import { PortalAlertRules } from "../../alerts/portal-alert-rules";
import { ContractUnconfirmedNotice } from "../../billing/contract-unconfirmed-notice";
import { PortalForm } from "../portal-form";
import { ApiUsageCard } from "./api-usage";
import { ArchivePortalButton } from "./archive-button";
import { SyncCard } from "./sync-card";

export const metadata: Metadata = { title: "Portal" };

async function loadPortal(portalId: string) {
  try {
    return await (await serverCaller()).portals.get({ portalId });
  } catch (error) {
    // Outside the caller's reach, or malformed: the same "not found", never a hint.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}

export default async function PortalPage({ params }: { params: Promise<{ portalId: string }> }) {
  const access = await requireAccess();
  const { portalId } = await params;
  const { portal, can } = await loadPortal(portalId);
  const canApprove = allowed(access.actor, "marketingStatus.approve", portal.id);
  const canViewContacts = allowed(access.actor, "contacts.view", portal.id);
  const canRequest = allowed(access.actor, "marketingStatus.request", portal.id);
  prefetch(trpc.alerts.rules.queryOptions({ portalId: portal.id }));
  const facts: [string, ReactNode][] = [
    ["HubSpot hub id", portal.hubId ?? "—"],
    ["Domain", portal.domain ?? "—"],
    ["Time zone", portal.timeZone],
    ["Connection", connectionLabel(portal.connectionStatus)],
    ["Edition", editionLabel(portal.edition)],
  ];
  // The contract's terms (tier, term, dates, currency) are billing: the server sends them only to
  // a viewer with billing.view on this portal.
  const { contract } = portal;
  const contractFacts: [string, ReactNode][] = contract
    ? [
        ["Contact tier", formatNumber(contract.purchasedTier)],
        ["Billing term", billingTermLabel(contract.billingTerm)],
        ["Update dates", contract.updateDateRule === "first_of_month" ? "1st of each month" : "Monthly renewal day"],
        [
          "Contract renewal",
          <time key="renewal" dateTime={contract.nextRenewal} data-testid="next-renewal" data-day={contract.nextRenewal}>
            {formatContractDay(contract.nextRenewal)}
          </time>,
        ],
        ["Monthly update date", formatContractDay(contract.nextUpdateDate)],
        ["Currency", contract.currency],
      ]
    : [];
  return (
    <HydrateClient>
      <PageHeader
        title={portal.name}
        description={contract ? "Portal record and Marketing Hub contract." : "Portal record and HubSpot connection."}
        actions={can.archive ? <ArchivePortalButton portalId={portal.id} name={portal.name} /> : null}
      />
      {contract?.needsConfirmation ? (
        <div className="mb-6">
          <ContractUnconfirmedNotice portalId={portal.id} canManage={can.editContract} />
        </div>
      ) : null}
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:gap-x-8 lg:grid-cols-3" aria-label="Portal details">
        {[...facts, ...contractFacts].map(([label, value]) => (
          <div key={label}>
            <dt className="text-sm text-muted-foreground">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
      {canApprove ? (
        <p className="mt-6">
          <Link className="font-medium underline underline-offset-4" href="/approvals">
            Requests waiting for your approval are in the approvals inbox
          </Link>
        </p>
      ) : null}
      {canViewContacts ? (
        <p className="mt-4 flex flex-wrap gap-x-4">
          <Link className="font-medium underline underline-offset-4" href={`/contacts?portal=${portal.id}`}>
            See this portal&apos;s contacts
          </Link>
          {/* Only to those who make requests: the others are promised nothing they cannot do. */}
          {canRequest ? (
            <Link className="font-medium underline underline-offset-4" href={`/requests?portal=${portal.id}`}>
              See this portal&apos;s status requests
            </Link>
          ) : null}
        </p>
      ) : null}
      {can.viewIntegrations ? (
        <p className="mt-4">
          <Link className="font-medium underline underline-offset-4" href={`/integrations/${portal.id}`}>
            {allowed(access.actor, "integrations.managePolicy", portal.id)
              ? "See this portal's apps and integration settings"
              : "See this portal's apps"}
          </Link>
        </p>
      ) : null}
      <SyncCard portalId={portal.id} canSync={can.sync} canConnect={can.edit} />
      <ApiUsageCard portalId={portal.id} />
      <Card className="mt-8" id="alert-rules">
        <CardHeader>
          <CardTitle as="h2">Alert rules</CardTitle>
          <CardDescription>
            When this portal raises alerts: thresholds of its contact tier and daily spikes. Drift and failed syncs always alert while rules
            are on.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <PortalAlertRules portalId={portal.id} />
        </CardContent>
      </Card>
      {can.edit ? (
        <Card className="mt-8">
          <CardHeader>
            <CardTitle as="h2">Edit portal</CardTitle>
          </CardHeader>
          <CardContent>
            <PortalForm
              mode="record"
              portalId={portal.id}
              defaults={{ name: portal.name, domain: portal.domain ?? "", hubId: portal.hubId ?? "", timeZone: portal.timeZone }}
            />
          </CardContent>
        </Card>
      ) : null}
      {can.editContract && contract ? (
        <Card className="mt-6" id="contract">
          <CardHeader>
            <CardTitle as="h2">{contract.needsConfirmation ? "Confirm contract" : "Edit contract"}</CardTitle>
            {contract.needsConfirmation ? (
              <CardDescription>Check each field against the client&apos;s HubSpot invoice; saving confirms the contract.</CardDescription>
            ) : null}
          </CardHeader>
          <CardContent>
            <PortalForm
              mode="contract"
              portalId={portal.id}
              defaults={{
                edition: portal.edition,
                purchasedTier: contract.purchasedTier,
                billingTerm: contract.billingTerm,
                renewalDate: contract.renewalDate,
                currency: contract.currency,
              }}
            />
          </CardContent>
        </Card>
      ) : null}
    </HydrateClient>
  );
}
