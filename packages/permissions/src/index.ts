export * from "./roles";
export * from "./registry";
export * from "./can";
