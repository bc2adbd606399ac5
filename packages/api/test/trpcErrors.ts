import { TRPCError } from "@trpc/server";

/** "OK", or the tRPC error code a call was refused with; any other error fails the test. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}
