import { appRouter } from "@marketable/api";
import { newRequestId, requestLogger } from "@marketable/logger";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { auth } from "~/server/auth";
import { createServerContext } from "~/server/context";

async function handler(req: Request) {
  const requestId = req.headers.get("x-request-id") ?? newRequestId();
  const log = requestLogger(requestId);
  const session = await auth();
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req,
    createContext: () => createServerContext({ userId: session?.user?.id ?? null, requestId, log }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") log.error({ path, err: error.cause ?? error }, "trpc internal error");
    },
  });
  response.headers.set("x-request-id", requestId);
  return response;
}

export { handler as GET, handler as POST };
