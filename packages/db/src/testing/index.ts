export * from "./testDatabase";
export * from "./snapshot";
