// One formatter for the whole tree (checked by `npm test`: `pnpm format:check`). Imports are
// sorted in groups: Node built-ins, packages, the project's own packages, then relative files.
// Side-effect imports (`import "./env";`) stay where they are, so a module that must run first
// (an env loader) is written as one and keeps its place.
import { fileURLToPath } from "node:url";

// The plugin is resolved from here (this package depends on it), not from the folder prettier runs in.
const sortImports = fileURLToPath(import.meta.resolve("@ianvs/prettier-plugin-sort-imports"));

/** @type {import("prettier").Config} */
const config = {
  printWidth: 140,
  plugins: [sortImports],
  importOrder: ["<BUILTIN_MODULES>", "", "<THIRD_PARTY_MODULES>", "", "^@marketable/(.*)$", "", "^[.]"],
  importOrderTypeScriptVersion: "5.9.3",
};

export default config;
