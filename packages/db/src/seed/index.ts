export * from "./factories";
export * from "./demo";
