// Installs people-first fallback messages for every zod schema (before any schema is used).
import "./humanErrors";

export { humanZodError } from "./humanErrors";
export * from "./primitives";
export * from "./portal";
export * from "./members";
export * from "./audit";
export * from "./contacts";
export * from "./alerts";
export * from "./savedFilters";
export * from "./account";
export * from "./search";
export * from "./billing";
