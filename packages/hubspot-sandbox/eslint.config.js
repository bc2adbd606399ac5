import { config } from "@marketable/eslint-config";

// bin/ holds a plain-JS launcher outside the TypeScript project, so type-aware rules cannot see it.
export default [...config(import.meta.dirname, "hubspot-sandbox"), { ignores: ["bin/**"] }];
