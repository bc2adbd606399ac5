import type { Access } from "@marketable/db";
import { can } from "@marketable/permissions";

import { withoutMoney } from "./guardrails";

interface StoredRequest {
  portalId: string;
  preview: Record<string, unknown>;
  approvalReasons: string[];
}

/** Whether `access` may read the money a request on `portalId` is worth (billing.view). */
export function seesMoney(access: Access, portalId: string): boolean {
  return can(access.actor, "billing.view", portalId);
}

/**
 * A stored request as this viewer may read it. A portal's tier, prices and renewal are billing
 * (docs/permissions.md): whoever reads requests without billing.view (the client) gets the preview
 * without its billing effect and money, and reasons that say "Changes the portal's bill" instead of
 * the tier or the amount.
 */
export function requestForViewer<R extends StoredRequest>(access: Access, request: R): R {
  if (seesMoney(access, request.portalId)) return request;
  const { billing: _billing, money: _money, approvalReasons: _reasons, ...preview } = request.preview;
  return { ...request, preview, approvalReasons: [...new Set(request.approvalReasons.map(withoutMoney))] };
}

/** An event's message as this viewer may read it (the awaiting-approval and recompute events quote the reasons). */
export function eventForViewer<E extends { message: string }>(access: Access, portalId: string, event: E): E {
  return seesMoney(access, portalId) ? event : { ...event, message: withoutMoney(event.message) };
}

/** getStatusRequest's answer as this viewer may read it. */
export function detailForViewer<D extends { request: StoredRequest; events: { message: string }[] }>(access: Access, detail: D): D {
  const { portalId } = detail.request;
  return {
    ...detail,
    request: requestForViewer(access, detail.request),
    events: detail.events.map((e) => eventForViewer(access, portalId, e)),
  };
}
