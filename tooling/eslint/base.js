// Shared flat ESLint config: type-aware TypeScript rules plus the one-way dependency rule
// (README, "Layout"). Each package calls `config(import.meta.dirname, "<package>")`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Which workspace packages each package may import. The arrows point one way:
 * permissions, billing <- db <- hubspot, jobs, auth <- api <- apps. `ui` and the sandbox
 * import nothing of the product; no package imports an app.
 */
export const allowedWorkspaceImports = {
  logger: [],
  permissions: [],
  billing: [],
  "hubspot-sandbox": [],
  ui: ["billing"],
  db: ["logger", "permissions", "billing"],
  hubspot: ["logger", "db", "permissions", "billing"],
  jobs: ["logger", "db", "permissions", "billing", "hubspot"],
  auth: ["logger", "db", "permissions"],
  api: ["logger", "db", "permissions", "billing", "hubspot", "jobs", "auth"],
  worker: ["logger", "db", "permissions", "billing", "hubspot", "jobs", "auth", "api"],
  web: ["logger", "db", "permissions", "billing", "hubspot", "jobs", "api", "auth", "ui"],
};

const allPackages = Object.keys(allowedWorkspaceImports);

/**
 * @param {string} name
 * @param {string[]} [extra] packages allowed beyond the arrows (tests may use the HubSpot sandbox)
 */
function importDirectionRule(name, extra = []) {
  const allowed = new Set([...(allowedWorkspaceImports[name] ?? []), name, ...extra]);
  const forbidden = allPackages.filter((p) => !allowed.has(p));
  return {
    "no-restricted-imports": [
      "error",
      {
        patterns: forbidden.map((p) => ({
          group: [`@marketable/${p}`, `@marketable/${p}/*`],
          message: `@marketable/${name} may not import @marketable/${p}: dependency arrows point one way (README, "Layout").`,
        })),
      },
    ],
  };
}

/**
 * @param {string} tsconfigRootDir
 * @param {string} name package short name, a key of allowedWorkspaceImports
 */
export function config(tsconfigRootDir, name) {
  return tseslint.config(
    { ignores: ["**/node_modules/**", "**/.next/**", "**/dist/**", "**/*.config.*", "**/migrations/**", "**/next-env.d.ts"] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir } },
      rules: {
        ...importDirectionRule(name),
        "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        "@typescript-eslint/consistent-type-imports": ["warn", { fixStyle: "inline-type-imports" }],
        "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
        "@typescript-eslint/only-throw-error": "off",
        "@typescript-eslint/require-await": "off",
        // Small files with one purpose (CONTRIBUTING): past 300 formatted lines, split by responsibility.
        "max-lines": ["error", { max: 300 }],
      },
    },
    {
      // Settings come from the environment only through the env modules (env.ts, *Env.ts,
      // config/, test databases' testing/), where they are validated once; everything else takes
      // them as parameters. NODE_ENV and NEXT_RUNTIME are exempt: the bundler inlines them.
      files: ["src/**/*.ts", "src/**/*.tsx"],
      ignores: ["**/env.ts", "**/*Env.ts", "src/config/**", "src/testing/**", "**/*.test.ts", "**/*.test.tsx"],
      rules: {
        "no-restricted-syntax": [
          "error",
          {
            selector:
              "MemberExpression[object.type='MemberExpression'][object.object.name='process'][object.property.name='env'][property.name!=/^(NODE_ENV|NEXT_RUNTIME)$/]",
            message: "Read settings in an env module (env.ts, *Env.ts or config/) and pass them in.",
          },
          {
            selector: ":not(MemberExpression) > MemberExpression[object.name='process'][property.name='env']",
            message: "Read settings in an env module (env.ts, *Env.ts or config/) and pass them in.",
          },
        ],
      },
    },
    {
      // Tests, benchmarks and e2e suites may drive the HubSpot sandbox: it stands in for HubSpot.
      files: ["test/**", "bench/**", "e2e/**", "**/*.test.ts", "**/*.test.tsx"],
      rules: importDirectionRule(name, ["hubspot-sandbox"]),
    },
  );
}
