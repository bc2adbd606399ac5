import { TRPCError } from "@trpc/server";
import { routeHandler } from "~/server/route-handler";
import { serverCaller } from "~/trpc/server";

export const dynamic = "force-dynamic";

/** tRPC refusals as HTTP statuses; a portal one may not see is simply not found. */
const statusFor: Partial<Record<TRPCError["code"], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 404 };

/**
 * The renewal pack as a CSV download, so "Download CSV" is a plain link that also works from a
 * printed page's browser tab. The same procedure (billing.renewalPackCsv, billing.view) answers.
 */
export const GET = routeHandler("billing.renewal.csv", async (_request, _scope, { params }: { params: Promise<{ portalId: string }> }) => {
  const { portalId } = await params;
  try {
    const { csv, filename } = await (await serverCaller()).billing.renewalPackCsv({ portalId });
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        // The name is built from [a-z0-9-] only, so it needs no quoting beyond this.
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    const status = error instanceof TRPCError ? statusFor[error.code] : undefined;
    // A refusal's message is written for people ("You do not have permission …"); anything else is the wrapper's.
    if (status) return new Response(status === 404 ? "Not found" : (error as TRPCError).message, { status });
    throw error;
  }
});
