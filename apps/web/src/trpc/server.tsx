import "server-only";
import { appRouter } from "@marketable/api";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { auth } from "~/server/auth";
import { createServerContext } from "~/server/context";
import { createQueryClient } from "./query-client";

/** One context per server render: the session's user id; roles are loaded per procedure. */
const createContext = cache(async () => {
  const heads = await headers();
  const session = await auth();
  return createServerContext({ userId: session?.user?.id ?? null, requestId: heads.get("x-request-id") ?? undefined });
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
