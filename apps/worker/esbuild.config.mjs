// Compiles the worker's entry points to JavaScript so that production runs `node dist/<entry>.js`
// with no TypeScript runner. Every top-level `src/*.ts` file (tests aside) is an entry: `main`,
// `migrate`, the admin CLI, and any entry added later, without editing this file (a shared
// module such as `env.ts` is compiled too, harmlessly). Each entry is one self-contained file.
//
// The workspace packages (`@marketable/*`, TypeScript sources) are bundled in; every other
// package stays external and is loaded from node_modules at run time, so native and large
// dependencies (pg, pg-boss, PGlite, argon2) work as installed. Each external must be one of
// this package's `dependencies`, or `pnpm deploy --prod` (the Docker image) would lack it: the
// build fails naming any that is not.
import { cpSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

import { build } from "esbuild";

const here = import.meta.dirname;
const dist = path.join(here, "dist");
const entryPoints = readdirSync(path.join(here, "src"))
  .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts"))
  .map((name) => path.join(here, "src", name));

/** The package a bare import names: `pg-boss/x` -> `pg-boss`, `@scope/name/x` -> `@scope/name`. */
const packageOf = (specifier) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

const externals = new Set();
const externalThirdParty = {
  name: "external-third-party",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:") || args.path.startsWith("@marketable/")) return undefined;
      externals.add(packageOf(args.path));
      return { path: args.path, external: true };
    });
  },
};

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints,
  outdir: dist,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  plugins: [externalThirdParty],
  logLevel: "warning",
  // The checked-in migrations travel with the build (copied below); an operator's
  // MARKETABLE_MIGRATIONS_DIR still wins.
  banner: {
    js: 'import { fileURLToPath as __marketableFileUrlToPath } from "node:url";\nprocess.env.MARKETABLE_MIGRATIONS_DIR ??= __marketableFileUrlToPath(new URL("./migrations", import.meta.url));',
  },
});
cpSync(path.join(here, "../../packages/db/migrations"), path.join(dist, "migrations"), { recursive: true });

const { builtinModules } = await import("node:module");
const declared = Object.keys(JSON.parse(readFileSync(path.join(here, "package.json"), "utf8")).dependencies ?? {});
const undeclared = [...externals].filter((name) => !declared.includes(name) && !builtinModules.includes(name)).sort();
if (undeclared.length > 0) {
  console.error(
    `apps/worker: the build loads ${undeclared.join(", ")} at run time; add ${undeclared.length === 1 ? "it" : "them"} to apps/worker/package.json "dependencies"`,
  );
  process.exit(1);
}
console.log(
  `apps/worker: compiled ${entryPoints.map((entry) => path.basename(entry, ".ts")).join(", ")} to dist/ (external: ${[...externals].sort().join(", ")})`,
);
