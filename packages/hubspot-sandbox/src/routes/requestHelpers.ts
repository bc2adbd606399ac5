import { type FastifyRequest } from "fastify";

import { type ContactRecord } from "../state/contact";
import { type Portal } from "../state/portal";
import { type TokenGrant } from "../state/tokens";
import { notFound, validationError } from "../util/errors";

export function authed(request: FastifyRequest): { portal: Portal; grant: TokenGrant } {
  const { portal, grant } = request;
  if (!portal || !grant) throw new Error("route used without a scope: auth did not run");
  return { portal, grant };
}

export function queryOf(request: FastifyRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>;
}

export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const b = request.body;
  if (b === undefined || b === null) return {};
  if (typeof b !== "object" || Array.isArray(b)) throw validationError("Invalid input JSON: the body must be an object");
  return b as Record<string, unknown>;
}

export function paramOf(request: FastifyRequest, name: string): string {
  const v = (request.params as Record<string, string | undefined>)[name];
  if (v === undefined) throw validationError(`missing path parameter ${name}`);
  return v;
}

export function flag(value: unknown): boolean {
  return value === true || value === "true";
}

export function intParam(value: unknown, fallback: number, name: string): number {
  if (value === undefined || value === null || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw validationError(`${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}

/** Finds a contact by id or by a unique property (`idProperty=email`). */
export function findContact(portal: Portal, id: string, idProperty: unknown, archived = false): ContactRecord | undefined {
  if (idProperty === "email") {
    const c = portal.contacts.byEmail(id);
    return c && (archived ? c.archivedAt !== 0 : c.archivedAt === 0) ? c : undefined;
  }
  if (idProperty !== undefined && idProperty !== "" && idProperty !== "hs_object_id") {
    throw validationError(`${JSON.stringify(idProperty)} is not a unique identifier property`);
  }
  if (!/^\d+$/.test(id)) return undefined;
  const c = portal.contacts.get(Number(id));
  if (!c) return undefined;
  return archived ? (c.archivedAt !== 0 ? c : undefined) : c.archivedAt === 0 ? c : undefined;
}

export function requireContact(portal: Portal, id: string, idProperty: unknown, archived = false): ContactRecord {
  const c = findContact(portal, id, idProperty, archived);
  if (!c) throw notFound();
  return c;
}

export function propertiesObject(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw validationError("properties must be an object");
  return value as Record<string, unknown>;
}

export function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
