import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";

import { findVisiblePortal, loadAccess } from "@marketable/db";
import { logger, newRequestId } from "@marketable/logger";
import { can, type Permission } from "@marketable/permissions";

import type { Context } from "./context";
import { forbidden, notFound } from "./errors";
import { recordId } from "./validation/primitives";
// People-first fallback messages for every input schema (installs zod's error map).
import "./validation/humanErrors";

import { invalidInputMessage, isDeliberate, loggedErrors, unexpectedErrorMessage } from "./publicErrors";

/**
 * Every procedure states the permission it needs and its scope; the authorization suite reads
 * this meta to prove each one. There is no exported way to build a procedure without it.
 */
export interface ProcedureMeta {
  permission: Permission;
  scope: "agency" | "portal";
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, ctx }) {
      if (isDeliberate(error)) {
        // zod messages reach the form: field errors travel with the error.
        const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
        const message = error.cause instanceof ZodError ? invalidInputMessage(error.cause) : shape.message;
        return { ...shape, message, data: { ...shape.data, zodError, stack: undefined } };
      }
      // In every mode: the caller learns that it failed and the reference, the log the rest.
      const requestId = ctx?.requestId ?? newRequestId();
      if (!loggedErrors.has(error)) {
        (ctx?.log ?? logger.child({ requestId })).error(
          { path: shape.data.path, code: error.code, err: error.cause ?? error },
          "trpc failed",
        );
      }
      return { ...shape, message: unexpectedErrorMessage(requestId), data: { ...shape.data, zodError: null, stack: undefined } };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const timed = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const ms = Math.round(performance.now() - started);
  if (result.ok) ctx.log.info({ path, type, ms }, "trpc ok");
  else if (isDeliberate(result.error)) ctx.log.info({ path, type, ms, code: result.error.code }, "trpc refused");
  else {
    ctx.log.error({ path, type, ms, code: result.error.code, err: result.error.cause ?? result.error }, "trpc failed");
    loggedErrors.add(result.error);
  }
  return result;
});

/** Signed in, and a member of some agency; loads the person's access afresh (once per request where the context shares it). */
const authed = t.procedure.use(timed).use(async ({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  const access = ctx.loadAccess ? await ctx.loadAccess() : await loadAccess(ctx.db, ctx.userId);
  if (!access) throw forbidden("You are not a member of any agency");
  return next({ ctx: { ...ctx, userId: ctx.userId, access } });
});

/** A procedure acting on the caller's current agency; fails closed unless `permission` is held agency-wide. */
export function agencyProcedure(permission: Permission) {
  return authed.meta({ permission, scope: "agency" }).use(({ ctx, next }) => {
    if (!can(ctx.access.actor, permission)) throw forbidden();
    return next();
  });
}

export const portalInput = z.object({ portalId: recordId("Choose a portal") });

/**
 * A procedure acting on one portal (`input.portalId`). A portal outside the caller's agency, or
 * one they may not see, is NOT_FOUND; one they see without `permission` is FORBIDDEN.
 */
export function portalProcedure(permission: Permission) {
  return authed
    .meta({ permission, scope: "portal" })
    .input(portalInput)
    .use(async ({ ctx, input, next }) => {
      const portal = ctx.loadVisiblePortal
        ? await ctx.loadVisiblePortal(input.portalId)
        : await findVisiblePortal(ctx.db, ctx.access, input.portalId);
      if (!portal) throw notFound("Portal not found");
      if (!can(ctx.access.actor, permission, portal.id)) throw forbidden();
      return next({ ctx: { ...ctx, portal } });
    });
}

export type AuthedContext = Context & { userId: string; access: NonNullable<Awaited<ReturnType<typeof loadAccess>>> };
