export * from "./portal";
export * from "./members";
export * from "./audit";
export * from "./contacts";
export * from "./alerts";
export * from "./savedFilters";
export * from "./account";
