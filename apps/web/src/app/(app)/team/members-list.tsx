"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { NativeSelect } from "~/components/native-select";
import { useViewerTimeZone } from "~/lib/use-viewer-time-zone";
import { useTRPC } from "~/trpc/react";
import type { RouterOutputs } from "~/trpc/types";
import { useState } from "react";

import { Badge } from "@marketable/ui/badge";
import { Button } from "@marketable/ui/button";
import { ConfirmDialog } from "@marketable/ui/confirm-dialog";
import { EmptyState } from "@marketable/ui/empty-state";
import { ErrorState } from "@marketable/ui/error-state";
import { formatEventTime } from "@marketable/ui/format";
import { LoadingState } from "@marketable/ui/loading-state";
import { toast } from "@marketable/ui/toaster";

type Member = RouterOutputs["members"]["list"]["members"][number];

function useMemberMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = (done: string) => ({
    onSuccess: async () => {
      toast.success(done);
      await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
    },
    onError: (error: { message: string }) => toast.error(error.message),
  });
  return {
    changeRole: useMutation(trpc.members.changeRole.mutationOptions(options("Role changed"))),
    grant: useMutation(trpc.members.grantPortal.mutationOptions(options("Portal access granted"))),
    revoke: useMutation(trpc.members.revokePortal.mutationOptions(options("Portal access removed"))),
    remove: useMutation(trpc.members.remove.mutationOptions(options("Member removed"))),
    revokeInvitation: useMutation(trpc.members.revokeInvitation.mutationOptions(options("Invite withdrawn"))),
  };
}

function GrantAdder({ member, portals }: { member: Member; portals: { id: string; name: string }[] }) {
  const { grant } = useMemberMutations();
  const [portalId, setPortalId] = useState("");
  const [role, setRole] = useState<"manager" | "analyst" | "client">("analyst");
  const available = portals.filter((p) => !member.grants.some((g) => g.portalId === p.id));
  if (available.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <NativeSelect
        aria-label={`Portal to grant ${member.email}`}
        className="w-44"
        value={portalId}
        onChange={(e) => setPortalId(e.target.value)}
      >
        <option value="">Add portal…</option>
        {available.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect
        aria-label={`Portal role for ${member.email}`}
        className="w-32"
        value={role}
        onChange={(e) => setRole(e.target.value as typeof role)}
      >
        <option value="manager">Manager</option>
        <option value="analyst">Analyst</option>
        <option value="client">Client</option>
      </NativeSelect>
      <Button
        size="sm"
        variant="outline"
        disabled={!portalId || grant.isPending}
        onClick={() => grant.mutate({ userId: member.userId, portalId, role })}
      >
        Grant
      </Button>
    </div>
  );
}

const roleNames: Record<Member["role"], string> = { owner: "Owner", admin: "Admin", billing: "Billing", member: "Member" };
const roleMeaning: Record<Member["role"], string> = {
  owner: "every portal and every setting, including other owners",
  admin: "every portal and every setting but the owner role",
  billing: "every portal's money, approvals and the audit log",
  member: "only the portals granted to them",
};

export function MembersList({ currentUserId, isOwner }: { currentUserId: string; isOwner: boolean }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.members.list.queryOptions());
  const viewerZone = useViewerTimeZone();
  const portals = useQuery(trpc.portals.list.queryOptions({ pageSize: 200 }));
  const mutations = useMemberMutations();
  // A role change asks first: it widens or removes someone's access at once.
  const [roleChange, setRoleChange] = useState<{ member: Member; role: Member["role"] } | null>(null);
  if (list.isPending) return <LoadingState label="Loading the team…" />;
  if (list.isError) return <ErrorState title="Could not load the team" message={list.error.message} onRetry={() => void list.refetch()} />;
  const portalOptions = (portals.data?.items ?? []).map((p) => ({ id: p.id, name: p.name }));

  return (
    <>
      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members
        </h2>
        {/* relative: the hidden "Actions" label is positioned; unanchored, it widened the page on a phone. */}
        <div className="relative overflow-x-auto rounded-md border">
          <table className="w-full text-sm">
            <caption className="sr-only">Members of the agency</caption>
            <thead className="bg-muted/50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Person
                </th>
                <th scope="col" className="px-3 py-2">
                  Role
                </th>
                <th scope="col" className="px-3 py-2">
                  Portal access
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.members.map((member) => (
                <tr key={member.userId} className="border-t align-top" data-testid={`member-${member.email}`}>
                  <td className="px-3 py-2">
                    <div className="font-medium">{member.name ?? member.email}</div>
                    <div className="text-muted-foreground">{member.email}</div>
                  </td>
                  <td className="px-3 py-2">
                    <NativeSelect
                      aria-label={`Role of ${member.email}`}
                      className="w-32"
                      value={member.role}
                      disabled={(member.role === "owner" && !isOwner) || mutations.changeRole.isPending}
                      onChange={(e) => setRoleChange({ member, role: e.target.value as Member["role"] })}
                    >
                      <option value="member">Member</option>
                      <option value="admin">Admin</option>
                      <option value="billing">Billing</option>
                      {isOwner || member.role === "owner" ? <option value="owner">Owner</option> : null}
                    </NativeSelect>
                  </td>
                  <td className="space-y-2 px-3 py-2">
                    {member.role !== "member" ? (
                      <span className="text-muted-foreground">Every portal</span>
                    ) : (
                      <>
                        <ul className="flex flex-wrap gap-2">
                          {member.grants.map((grant) => (
                            <li key={grant.portalId}>
                              <Badge variant="outline" className="gap-1">
                                {grant.portalName} · {grant.role}
                                <ConfirmDialog
                                  trigger={
                                    <button
                                      type="button"
                                      className="ml-1 rounded px-1 hover:bg-muted"
                                      aria-label={`Remove ${member.email}'s access to ${grant.portalName}`}
                                    >
                                      ×
                                    </button>
                                  }
                                  title={`Remove ${member.email}'s access to ${grant.portalName}?`}
                                  description={`They stop seeing ${grant.portalName} at once. You can grant it again later.`}
                                  confirm="Remove access"
                                  variant="destructive"
                                  onConfirm={() => mutations.revoke.mutate({ userId: member.userId, portalId: grant.portalId })}
                                />
                              </Badge>
                            </li>
                          ))}
                          {member.grants.length === 0 ? <li className="text-muted-foreground">No portals yet</li> : null}
                        </ul>
                        <GrantAdder member={member} portals={portalOptions} />
                      </>
                    )}
                  </td>
                  <td className="px-3 py-2 text-right">
                    {member.userId !== currentUserId ? (
                      <ConfirmDialog
                        trigger={
                          <Button size="sm" variant="ghost" aria-label={`Remove ${member.email} from the agency`}>
                            Remove
                          </Button>
                        }
                        title={`Remove ${member.email} from the agency?`}
                        description="They lose access to every portal at once and are signed out of this agency. Inviting them again restores nothing by itself."
                        confirm="Remove member"
                        variant="destructive"
                        onConfirm={() => mutations.remove.mutate({ userId: member.userId })}
                      />
                    ) : (
                      <span className="text-muted-foreground">You</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <ConfirmDialog
        open={roleChange !== null}
        onOpenChange={(open) => {
          if (!open) setRoleChange(null);
        }}
        title={roleChange ? `Make ${roleChange.member.email} ${roleNames[roleChange.role].toLowerCase()}?` : ""}
        description={
          roleChange
            ? `From ${roleNames[roleChange.member.role].toLowerCase()} to ${roleNames[roleChange.role].toLowerCase()}: they will see ${roleMeaning[roleChange.role]}. The change applies at once.`
            : ""
        }
        confirm="Change role"
        onConfirm={() => {
          if (roleChange) mutations.changeRole.mutate({ userId: roleChange.member.userId, role: roleChange.role });
          setRoleChange(null);
        }}
      />
      <section aria-labelledby="invites-heading" className="space-y-3">
        <h2 id="invites-heading" className="text-lg font-semibold">
          Open invitations
        </h2>
        {list.data.invitations.length === 0 ? (
          <EmptyState title="No open invitations" description="Invite links you create appear here until they are used." />
        ) : (
          <ul className="divide-y rounded-md border">
            {list.data.invitations.map((invitation) => (
              <li key={invitation.id} className="flex items-center justify-between px-4 py-2">
                <span>
                  {invitation.email} · {invitation.role}{" "}
                  {invitation.expired ? (
                    <Badge variant="warning">expired</Badge>
                  ) : (
                    <span className="text-muted-foreground">expires {formatEventTime(invitation.expiresAt, viewerZone)}</span>
                  )}
                </span>
                {/* The link stops working at once and cannot be restored: ask first. */}
                <ConfirmDialog
                  trigger={
                    <Button size="sm" variant="ghost" aria-label={`Withdraw the invitation to ${invitation.email}`}>
                      Withdraw
                    </Button>
                  }
                  title={`Withdraw the invitation to ${invitation.email}?`}
                  description="The invite link stops working at once. To let them join later, send a new invitation."
                  confirm="Withdraw invitation"
                  variant="destructive"
                  onConfirm={() => mutations.revokeInvitation.mutate({ invitationId: invitation.id })}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
