import { config } from "@marketable/eslint-config";

export default config(import.meta.dirname, "jobs");
