import "server-only";

import { dehydrate, HydrationBoundary, type FetchQueryOptions, type QueryKey } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { requestIdFrom } from "~/lib/request-id";
import { createServerContext } from "~/server/context";
import { accessOf, currentSession, visiblePortalOf } from "~/server/guards";
import { headers } from "next/headers";
import { cache } from "react";

import { appRouter } from "@marketable/api";

import { createQueryClient } from "./query-client";

/** One context per server render: the session's user id, and its access and portals read once for the render. */
const createContext = cache(async () => {
  const heads = await headers();
  const userId = (await currentSession())?.user?.id ?? null;
  const loaders = userId
    ? { loadAccess: () => accessOf(userId), loadVisiblePortal: (portalId: string) => visiblePortalOf(userId, portalId) }
    : {};
  return createServerContext({ userId, requestId: requestIdFrom(heads), ...loaders });
});

const getQueryClient = cache(createQueryClient);

export const trpc = createTRPCOptionsProxy({ router: appRouter, ctx: createContext, queryClient: getQueryClient });

/** A direct server-side caller, for page guards and server actions. */
export async function serverCaller() {
  return appRouter.createCaller(await createContext());
}

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

/**
 * Fetches into the render's query client and returns the data, so a page can guard on it (404,
 * forbidden) and hydrate the same result without calling the procedure a second time. Errors are
 * thrown, never retried: a guard's 4xx will not change.
 */
export function fetchQuery<TQueryFnData, TError, TData, TQueryKey extends QueryKey>(
  queryOptions: FetchQueryOptions<TQueryFnData, TError, TData, TQueryKey>,
) {
  return getQueryClient().fetchQuery({ ...queryOptions, retry: false });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  const queryClient = getQueryClient();
  if (queryOptions.queryKey[1]?.type === "infinite") {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument
    void queryClient.prefetchInfiniteQuery(queryOptions as any);
  } else {
    void queryClient.prefetchQuery(queryOptions);
  }
}
