import { fakePerson } from "../rules/activity";
import { createContact, setMarketing, updateContact, validateWritableProperties } from "../rules/contactWrites";
import { adminSource, type AdminSourceKind } from "../rules/sources";
import { propertyList, toApiContact } from "../serialize";
import { type Portal } from "../state/portal";
import { type SandboxState } from "../state/sandboxState";
import { notFound } from "../util/errors";
import { createRng, seedFrom } from "../util/random";

/* Contacts and activity created through the admin API (as apps, forms, imports and workflows would). */

/**
 * Creates contacts through a source: an app (its switch decides), a form (marketing by default,
 * and existing submitters are promoted), an import, the CRM UI or the legacy API.
 */
export function createContacts(
  state: SandboxState,
  portal: Portal,
  input: {
    source?: AdminSourceKind;
    appId?: number;
    marketing?: boolean;
    formId?: string;
    formName?: string;
    contacts?: Record<string, unknown>[];
    count?: number;
  },
): { results: Record<string, unknown>[] } {
  const kind = input.source ?? "crm_ui";
  const src = adminSource(state, portal, kind, input);
  const list = input.contacts ?? [];
  const rng = createRng(seedFrom(state.seed, portal.hubId, "admin", portal.contacts.nextId));
  for (let i = list.length; i < (input.count ?? 0); i++) list.push(fakePerson(rng, portal.contacts.nextId + i));
  const results: Record<string, unknown>[] = [];
  for (const props of list) {
    validateWritableProperties(portal, props);
    const email = typeof props.email === "string" ? props.email : undefined;
    const existing = email ? portal.contacts.byEmail(email) : undefined;
    let c;
    if (existing && kind === "form") {
      updateContact(state, portal, existing, props, "FORM");
      if (src.marketing) setMarketing(state, portal, existing, true, src.reason, "FORM");
      c = existing;
    } else {
      c = createContact(state, portal, props, src);
    }
    results.push({
      ...toApiContact(
        c,
        propertyList([
          "hs_marketable_status",
          "hs_marketable_until_renewal",
          "hs_object_source",
          "hs_object_source_id",
          "hs_object_source_label",
          "hs_object_source_detail_1",
        ]),
      ),
    });
  }
  return { results };
}

/** Sets a contact's marketing status as a workflow would: promotion at once, demotion at the update date. */
export function setContactMarketing(state: SandboxState, portal: Portal, contactId: number, marketing: boolean): Record<string, unknown> {
  const c = portal.contacts.getLive(contactId);
  if (!c) throw notFound(`Contact ${contactId} not found`);
  setMarketing(state, portal, c, marketing, { type: "WORKFLOW", id: null }, "AUTOMATION_PLATFORM");
  return toApiContact(c, propertyList(["hs_marketable_status", "hs_marketable_until_renewal"])) as unknown as Record<string, unknown>;
}

export function addActivity(
  state: SandboxState,
  portal: Portal,
  input: { source?: AdminSourceKind; appId?: number; contactsPerDay?: number },
): unknown {
  const source = input.source ?? "app";
  adminSource(state, portal, source, input); // validates the app now rather than at the next advance
  const gen = {
    id: `act-${portal.activity.length + 1}`,
    source,
    appId: input.appId,
    contactsPerDay: Number(input.contactsPerDay ?? 10),
    carry: 0,
  };
  portal.activity.push(gen);
  return portal.activity;
}
