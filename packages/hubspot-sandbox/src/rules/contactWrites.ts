import { ContactRecord as Record_, type ContactRecord } from "../state/contact";
import { type Portal } from "../state/portal";
import { accessor, BUILT_IN_BY_NAME, type PropertyDefinition } from "../state/properties";
import { type SandboxState } from "../state/sandboxState";
import { errorBody, HubSpotError, propertyValidationError, type PropertyValidationFailure } from "../util/errors";
import { demote, initialStatus, promote, type MarketingReason } from "./marketing";

/** Who is writing: decides the creation source and, for creations, the marketing status. */
export interface WriteSource {
  /** hs_object_source of created contacts. */
  source: string;
  sourceId: string | null;
  sourceDetail1: string | null;
  /** HubSpot's webhook changeSource. */
  changeSource: string;
  /** Marketing status for contacts this write creates. */
  marketing: boolean;
  reason: MarketingReason;
  appId?: number;
}

export function propertyDefinition(portal: Portal, name: string): PropertyDefinition | undefined {
  return BUILT_IN_BY_NAME.get(name) ?? portal.customProperties.get(name);
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Refuses unknown and read-only properties the way HubSpot does (VALIDATION_ERROR with details). */
export function validateWritableProperties(portal: Portal, props: Record<string, unknown>): void {
  const failures: PropertyValidationFailure[] = [];
  for (const [name, value] of Object.entries(props)) {
    const def = propertyDefinition(portal, name);
    if (!def) {
      failures.push({
        isValid: false,
        message: `Property "${name}" does not exist`,
        error: "PROPERTY_DOESNT_EXIST",
        name,
        localizedErrorMessage: `Property "${name}" does not exist`,
      });
    } else if (def.modificationMetadata.readOnlyValue) {
      failures.push({
        isValid: false,
        message: `${name} is a read only property; its value cannot be set.`,
        error: "READ_ONLY_VALUE",
        name,
        localizedErrorMessage: `${name} is a read only property; its value cannot be set.`,
      });
    } else if (name === "email" && typeof value === "string" && value !== "" && !EMAIL_RE.test(value)) {
      failures.push({
        isValid: false,
        message: `Email address ${value} is invalid`,
        error: "INVALID_EMAIL",
        name,
        localizedErrorMessage: `Email address ${value} is invalid`,
      });
    }
  }
  if (failures.length > 0) throw propertyValidationError(failures);
}

function stringValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

function conflict(existing: ContactRecord): HubSpotError {
  return new HubSpotError(409, errorBody("CONFLICT", `Contact already exists. Existing ID: ${existing.id}`));
}

/** Creates a live contact; the caller has validated `props`. */
export function createContact(
  state: SandboxState,
  portal: Portal,
  props: Record<string, unknown>,
  src: WriteSource,
  at = state.now(),
): ContactRecord {
  const email = stringValue(props.email);
  if (email) {
    const existing = portal.contacts.byEmail(email);
    if (existing) throw conflict(existing);
  }
  const c = new Record_(portal.contacts.allocateId(), at, email, null, null, src.source);
  c.sourceId = src.sourceId;
  c.sourceDetail1 = src.sourceDetail1;
  const changed: [string, string][] = [];
  for (const [name, raw] of Object.entries(props)) {
    const v = stringValue(raw);
    const a = accessor(name);
    if (name !== "email") a.set?.(c, v === "" ? null : v);
    if (v !== null && v !== "") changed.push([name, v]);
  }
  portal.contacts.add(c);
  initialStatus(state, portal, c, src.marketing, src.reason);
  state.emitContactEvent({
    type: "contact.creation",
    hubId: portal.hubId,
    contactId: c.id,
    occurredAt: at,
    changeSource: src.changeSource,
    sourceAppId: src.appId,
  });
  for (const [name, value] of changed) {
    state.emitContactEvent({
      type: "contact.propertyChange",
      hubId: portal.hubId,
      contactId: c.id,
      occurredAt: at,
      propertyName: name,
      propertyValue: value,
      changeSource: src.changeSource,
      sourceAppId: src.appId,
    });
  }
  if (c.marketable) {
    state.emitContactEvent({
      type: "contact.propertyChange",
      hubId: portal.hubId,
      contactId: c.id,
      occurredAt: at,
      propertyName: "hs_marketable_status",
      propertyValue: "true",
      changeSource: src.changeSource,
      sourceAppId: src.appId,
    });
  }
  return c;
}

/** Updates a live contact's writable properties; returns the names that changed. */
export function updateContact(
  state: SandboxState,
  portal: Portal,
  c: ContactRecord,
  props: Record<string, unknown>,
  changeSource: string,
  appId?: number,
): string[] {
  const changed: string[] = [];
  const newEmail = props.email === undefined ? undefined : stringValue(props.email);
  if (newEmail) {
    const other = portal.contacts.byEmail(newEmail);
    if (other && other !== c) throw conflict(other);
  }
  const now = state.now();
  for (const [name, raw] of Object.entries(props)) {
    const a = accessor(name);
    let v = stringValue(raw);
    if (v === "") v = null;
    if (a.get(c) === v) continue;
    const previousEmail = c.email;
    a.set?.(c, v);
    if (name === "email") portal.contacts.reindexEmail(c, previousEmail);
    changed.push(name);
    state.emitContactEvent({
      type: "contact.propertyChange",
      hubId: portal.hubId,
      contactId: c.id,
      occurredAt: now,
      propertyName: name,
      propertyValue: v ?? "",
      changeSource,
      sourceAppId: appId,
    });
  }
  if (changed.length > 0) c.updatedAt = now;
  return changed;
}

export function archiveContact(state: SandboxState, portal: Portal, c: ContactRecord, changeSource: string, appId?: number): void {
  if (c.archivedAt !== 0) return;
  const now = state.now();
  portal.contacts.markArchived(c, now);
  c.updatedAt = now;
  state.emitContactEvent({
    type: "contact.deletion",
    hubId: portal.hubId,
    contactId: c.id,
    occurredAt: now,
    changeSource,
    sourceAppId: appId,
  });
}

/** Sets marketing status through a supported route (import, form, workflow, admin): promotion at once, demotion queued. */
export function setMarketing(
  state: SandboxState,
  portal: Portal,
  c: ContactRecord,
  marketing: boolean,
  reason: MarketingReason,
  changeSource: string,
): boolean {
  return marketing ? promote(state, portal, c, reason, changeSource) : demote(state, portal, c, reason, changeSource);
}
