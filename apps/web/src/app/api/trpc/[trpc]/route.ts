import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { auth } from "~/server/auth";
import { createServerContext } from "~/server/context";
import { routeHandler } from "~/server/route-handler";

import { appRouter } from "@marketable/api";

const handler = routeHandler("trpc", async (req, { requestId, log }) => {
  const session = await auth();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req,
    createContext: () => createServerContext({ userId: session?.user?.id ?? null, requestId, log }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") log.error({ path, err: error.cause ?? error }, "trpc internal error");
    },
  });
});

export { handler as GET, handler as POST };
