import { type ContactRecord } from "./state/contact";
import { accessor, DEFAULT_PROPERTIES } from "./state/properties";

export interface ApiContact {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

/** Properties always present once any are requested (HubSpot adds these three). */
const ALWAYS = ["createdate", "hs_object_id", "lastmodifieddate"] as const;

/**
 * Which properties a response carries: HubSpot's six defaults when none are asked for; otherwise
 * the requested ones plus createdate, hs_object_id and lastmodifieddate.
 */
export function propertyList(requested: readonly string[] | undefined): readonly string[] {
  if (!requested || requested.length === 0) return DEFAULT_PROPERTIES;
  const set = new Set<string>(requested);
  for (const p of ALWAYS) set.add(p);
  return [...set];
}

export function toApiContact(c: ContactRecord, properties: readonly string[]): ApiContact {
  // Properties without a value are left out: HubSpot's schema types every value as a string.
  const props: Record<string, string> = {};
  for (const name of properties) {
    const v = accessor(name).get(c);
    if (v !== null) props[name] = v;
  }
  const out: ApiContact = {
    id: String(c.id),
    properties: props,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
    archived: c.archivedAt !== 0,
  };
  if (c.archivedAt !== 0) out.archivedAt = new Date(c.archivedAt).toISOString();
  return out;
}

/** Query strings may repeat `properties=a&properties=b` or join them with commas; accept both. */
export function parseList(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(","));
  const out = parts.map((s) => s.trim()).filter((s) => s.length > 0);
  return out.length > 0 ? out : undefined;
}
