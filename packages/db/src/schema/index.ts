export * from "./auth";
export * from "./agencies";
export * from "./portals";
export * from "./invitations";
export * from "./audit";
