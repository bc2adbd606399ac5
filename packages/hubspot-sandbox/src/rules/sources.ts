import { type Portal } from "../state/portal";
import { type SandboxState } from "../state/sandboxState";
import { type TokenGrant } from "../state/tokens";
import { validationError } from "../util/errors";
import { type WriteSource } from "./contactWrites";

/**
 * The creation source of a contact written through the API: the calling app. Its marketing status
 * comes from the portal's switch for that app *as it is now* (switches only affect contacts created
 * after the flip; existing contacts keep theirs).
 */
export function sourceForGrant(state: SandboxState, portal: Portal, grant: TokenGrant): WriteSource {
  const install = portal.apps.get(grant.appId);
  const marketing = install?.marketingSwitch ?? false;
  const name = grant.kind === "private" ? portal.privateApp.name : (state.apps.get(grant.appId)?.name ?? `App ${grant.appId}`);
  return {
    source: "INTEGRATION",
    sourceId: String(grant.appId),
    sourceDetail1: name,
    changeSource: "INTEGRATION",
    marketing,
    reason: { type: "INTEGRATION", id: String(grant.appId) },
    appId: grant.appId,
  };
}

export type AdminSourceKind = "app" | "form" | "import" | "crm_ui" | "api";

/** Sources for contacts created through the admin API and activity generators. */
export function adminSource(
  state: SandboxState,
  portal: Portal,
  kind: AdminSourceKind,
  opts: { appId?: number; marketing?: boolean; formId?: string; formName?: string } = {},
): WriteSource {
  switch (kind) {
    case "app": {
      const appId = opts.appId;
      const app = appId === undefined ? undefined : state.apps.get(appId);
      const install = appId === undefined ? undefined : portal.apps.get(appId);
      if (!app || !install || appId === undefined) throw validationError(`App ${String(appId)} is not connected to portal ${portal.hubId}`);
      if (!app.createsContacts) throw validationError(`App ${app.name} (${appId}) syncs calendars and creates no contacts`);
      return {
        source: "INTEGRATION",
        sourceId: String(appId),
        sourceDetail1: app.name,
        changeSource: "INTEGRATION",
        marketing: install.marketingSwitch,
        reason: { type: "INTEGRATION", id: String(appId) },
        appId,
      };
    }
    case "form": {
      const formId = opts.formId ?? "5f0c4b3e-6a43-4d8e-9a4b-0c1d2e3f4a5b";
      return {
        source: "FORM",
        sourceId: formId,
        sourceDetail1: opts.formName ?? "Newsletter signup",
        changeSource: "FORM",
        // HubSpot forms create marketing contacts by default.
        marketing: opts.marketing ?? true,
        reason: { type: "FORM_SUBMISSION", id: formId },
      };
    }
    case "import":
      return {
        source: "IMPORT",
        sourceId: null,
        sourceDetail1: "Import",
        changeSource: "IMPORT",
        marketing: opts.marketing ?? false,
        reason: { type: "IMPORT", id: null },
      };
    case "crm_ui":
      return {
        source: "CRM_UI",
        sourceId: "userId:1",
        sourceDetail1: null,
        changeSource: "CRM_UI",
        marketing: opts.marketing ?? false,
        reason: { type: "CRM_UI", id: "userId:1" },
      };
    case "api":
      return {
        source: "API",
        sourceId: null,
        sourceDetail1: null,
        changeSource: "API",
        marketing: opts.marketing ?? false,
        reason: { type: "INTEGRATION", id: null },
      };
  }
}
