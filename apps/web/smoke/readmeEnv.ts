import fs from "node:fs";
import path from "node:path";

/**
 * The `.env` that README's production section tells an operator to write: the lines of its one
 * `cat > .env <<ENV … ENV` block. The smoke test writes exactly that file, with this run's values
 * for the settings that name a place or a secret, so README saying too little (a variable
 * missing from its list) fails the test.
 */
export function readmeEnvBlock(readmePath = path.resolve(import.meta.dirname, "../../../README.md")): { key: string; value: string }[] {
  const readme = fs.readFileSync(readmePath, "utf8");
  const blocks = [...readme.matchAll(/^cat > \.env <<'?(\w+)'?\n([\s\S]*?)\n\1$/gm)];
  if (blocks.length !== 1) throw new Error(`README.md should have exactly one "cat > .env <<ENV … ENV" block; found ${blocks.length}`);
  return blocks[0]![2]!
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      if (!/^[A-Z][A-Z0-9_]*=/.test(line)) throw new Error(`README's .env block has a line that is not KEY=value: ${line}`);
      const at = line.indexOf("=");
      return { key: line.slice(0, at), value: line.slice(at + 1) };
    });
}

/**
 * README's `.env` with `values` in place of the README's placeholders. Every key README lists
 * must be either given here or kept as README wrote it (`keep`); `extra` adds settings README
 * documents elsewhere (here: HubSpot's addresses pointing at the sandbox).
 */
export function writeReadmeEnv(file: string, values: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { key, value } of readmeEnvBlock()) env[key] = values[key] ?? value;
  Object.assign(env, extra);
  fs.writeFileSync(
    file,
    `${Object.entries(env)
      .map(([key, value]) => `${key}=${value}`)
      .join("\n")}\n`,
    { mode: 0o600 },
  );
  return env;
}
