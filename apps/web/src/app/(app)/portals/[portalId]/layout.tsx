// A portal the viewer may not see is HTTP 404 before anything below streams: see VisiblePortalLayout.
export { VisiblePortalLayout as default } from "~/server/visible-portal-layout";
