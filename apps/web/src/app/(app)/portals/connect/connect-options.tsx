"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "@marketable/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@marketable/ui/card";
import { FormField } from "@marketable/ui/form-field";
import { Input } from "@marketable/ui/input";
import { toast } from "@marketable/ui/toaster";

export function ConnectOptions({ portalId }: { portalId?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [token, setToken] = useState("");
  const [name, setName] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const oauth = useMutation(
    trpc.connections.startOAuth.mutationOptions({
      // HubSpot's (or the sandbox's) authorize page; it comes back to /api/hubspot/oauth/callback.
      onSuccess: ({ url }) => window.location.assign(url),
      onError: (error) => toast.error(error.message),
    }),
  );
  const byToken = useMutation(
    trpc.connections.connectToken.mutationOptions({
      onSuccess: ({ portalId: id, name: connected }) => {
        toast.success(`${connected} connected; the first sync has started`);
        router.push(`/portals/${id}`);
      },
      onError: (error) => {
        const fields = error.data?.zodError?.fieldErrors as Record<string, string[] | undefined> | undefined;
        setFieldError(fields?.token?.[0] ?? error.message);
      },
    }),
  );
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle as="h2">With HubSpot sign-in (OAuth)</CardTitle>
          <CardDescription>Recommended. You choose the portal on HubSpot&apos;s page and approve Marketable&apos;s access.</CardDescription>
        </CardHeader>
        <CardContent>
          <Button onClick={() => oauth.mutate({ portalId })} disabled={oauth.isPending}>
            {oauth.isPending ? "Opening HubSpot…" : "Connect with HubSpot"}
          </Button>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">With a private app token or service key</CardTitle>
          <CardDescription>
            For portals where you manage a private app. The token needs contact read/write and import scopes.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <form
            className="space-y-4"
            aria-label="Connect with a token"
            onSubmit={(event) => {
              event.preventDefault();
              setFieldError(null);
              byToken.mutate({ token, name: name || undefined, portalId });
            }}
          >
            <FormField label="Token" error={fieldError} required>
              <Input value={token} onChange={(e) => setToken(e.target.value)} type="password" autoComplete="off" />
            </FormField>
            <FormField label="Portal name" description="Optional: defaults to the account's domain.">
              <Input value={name} onChange={(e) => setName(e.target.value)} />
            </FormField>
            <Button type="submit" disabled={byToken.isPending}>
              {byToken.isPending ? "Checking the token…" : "Connect with token"}
            </Button>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
