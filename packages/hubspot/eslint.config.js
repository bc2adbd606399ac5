import { config } from "@marketable/eslint-config";

export default [
  ...config(import.meta.dirname, "hubspot"),
  // Tests and the bench run against the HubSpot sandbox in-process; the product code never imports it.
  {
    files: ["test/**", "bench/**", "**/*.test.ts"],
    rules: { "no-restricted-imports": "off" },
  },
];
