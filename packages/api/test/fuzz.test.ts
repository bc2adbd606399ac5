import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { availableEngines, snapshotDatabase } from "@marketable/db/testing";

import { createTRPCContext } from "../src/context";
import { isDeliberate } from "../src/publicErrors";
import { appRouter } from "../src/root";
import { databaseFingerprint } from "./databaseFingerprint";
import { fieldPaths, knownBadMutations, mutate, mutationFor, type FieldPath, type Mutation } from "./fuzzInputs";
import { callProcedure, cases, procedures } from "./procedureCases";
import { buildWorld, type World } from "./world";

/**
 * Every procedure, called as the owner with adversarial inputs built from its authorization
 * example (the fields the schema declares, the whole input, `__proto__` keys). Whatever the
 * input: no INTERNAL_SERVER_ERROR, no error but our deliberate ones, nothing internal in what
 * the client would read (the formatted error), no prototype polluted, and a refused call leaves
 * the database as it was. Seeded and bounded: FUZZ_SEED and FUZZ_RUNS replay or deepen a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 1_612_026);
/** Random cases per procedure, after the known-bad value on every field. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
/** The gateway's per-portal limiter counts a call HubSpot refused (a bad token): bookkeeping, not data. */
const BOOKKEEPING = ["hubspot_rate_buckets"];

/** Text a client must never read: SQL, stacks, file paths, driver messages. */
const INTERNAL_TEXT = [
  /\bselect\b[\s\S]*\bfrom\b/i,
  /\binsert into\b/i,
  /\bupdate\b[\s\S]*\bset\b/i,
  /\bdelete from\b/i,
  /Failed query/i,
  /params:/i,
  /\n\s+at\s/,
  /node_modules/,
  /\.[cm]?[jt]s:\d+/,
  /\bpg_|\bpglite\b|violates|syntax error|invalid input syntax/i,
];

function stringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "bigint" ? `${v}n` : typeof v === "string" && v.length > 200 ? `${v.slice(0, 60)}…(${v.length} chars)` : v,
  );
}

function describeInput(input: unknown): string {
  try {
    return stringify(input)?.slice(0, 2_000) ?? String(input);
  } catch {
    return "(input too deep to print)";
  }
}

const engines = await availableEngines();

describe.each(engines)("fuzzing every procedure on %s", (engine) => {
  let w: World;
  let fingerprint: Record<string, string>;
  const remember = async () => {
    fingerprint = await databaseFingerprint(w.t.db, BOOKKEEPING);
  };
  beforeAll(async () => {
    w = await buildWorld(engine);
    await remember();
  });
  afterAll(async () => w?.close());

  for (const path of Object.keys(procedures).sort()) {
    const procedure = procedures[path]!;
    const paths: FieldPath[] = procedure._def.inputs.flatMap((schema) => fieldPaths(schema));
    // The portal under test stays put (another portal is the authorization suite's subject),
    // unless portalId is all there is to aim at.
    const aimed = paths.filter((p) => p.path.join(".") !== "portalId");
    const targets = aimed.length > 0 ? aimed : paths;

    it(`${path} refuses adversarial input in words`, async () => {
      const property = fc.asyncProperty(mutationFor(targets), async (m: Mutation) => {
        const base = await cases[path]!.input?.(w, "owner");
        // Fresh example rows (members, requests …) are part of the state a refusal must keep.
        if (base !== undefined) await remember();
        const input = mutate(base, targets, m);
        const where = `${path} with input ${describeInput(input)}`;
        let refused: TRPCError | null = null;
        try {
          await callProcedure(w, "owner", path, input);
        } catch (error) {
          if (!(error instanceof TRPCError)) throw new Error(`${where} threw ${String(error)}`, { cause: error });
          refused = error;
        }
        expect(({} as Record<string, unknown>).polluted, `${where} polluted Object.prototype`).toBeUndefined();
        if (refused) {
          expect(refused.code, `${where}: ${refused.message}\n${String(refused.cause?.stack ?? "")}`).not.toBe("INTERNAL_SERVER_ERROR");
          expect(isDeliberate(refused), `${where}: an unexpected ${refused.code} (${String(refused.cause)})`).toBe(true);
          // What the client would read: the formatted error, as the HTTP handler sends it.
          const ctx = createTRPCContext({ db: w.t.db, userId: w.users.owner.id, requestId: "fuzz" });
          const shape = getErrorShape({ config: appRouter._def._config, error: refused, type: procedure._def.type, path, input, ctx });
          const read = stringify(shape);
          for (const pattern of INTERNAL_TEXT) expect(read, `${where}: the client reads internal text (${pattern})`).not.toMatch(pattern);
          for (const id of [w.agencyA.id, w.agencyB.id, w.bPortal.id, w.users.outsider.id, w.users.owner.id]) {
            expect(read, `${where}: the client reads a row's id`).not.toContain(id);
          }
          const after = await databaseFingerprint(w.t.db, BOOKKEEPING);
          const changed = Object.keys(after).filter((table) => after[table] !== fingerprint[table]);
          if (changed.length > 0) {
            const rows = await snapshotDatabase(w.t.db);
            const shown = Object.fromEntries(changed.map((table) => [table, rows[table]]));
            expect.fail(
              `${where} changed the database before refusing: ${changed.join(", ")} now hold ${stringify(shown).slice(0, 4_000)}`,
            );
          }
        } else {
          await remember();
        }
      });
      // No shrinking: each case touches the database, and the first counterexample (printed with
      // its seed and path) is enough to replay with FUZZ_SEED.
      const examples = knownBadMutations(targets).map((m): [Mutation] => [m]);
      const seed = SEED + hash(path);
      try {
        await fc.assert(property, { seed, numRuns: RUNS + examples.length, examples, endOnFailure: true });
      } catch (error) {
        throw new Error(
          `${path} failed; replay with FUZZ_SEED=${SEED} (fast-check seed ${seed})\n${String(error instanceof Error ? error.message : error)}`,
          { cause: error },
        );
      }
    });
  }
});

/** A stable per-procedure offset, so each procedure gets its own sequence from the one seed. */
function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return Math.abs(h);
}
