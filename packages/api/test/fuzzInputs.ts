import fc from "fast-check";

/**
 * Adversarial inputs for the fuzz suite: values that have made 500s before (NUL, lone
 * surrogates, far-out dates, overlong text, NaN …), structures that stress parsers (deep nesting,
 * huge arrays, `__proto__` keys), and a way to aim them at every field a procedure's input schema
 * declares, starting from a valid example input so the value gets past the fields before it.
 */

const LONG = [255, 256, 2_049, 10_000, 100_000, 2_000_001];

export const adversarialString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    "   ",
    "\u0000",
    "search\u0000term",
    "\ud800",
    "x\udfffy",
    "\ud83d",
    "😀 ünïcödé 中文 ‮rtl",
    "%",
    "_",
    "\\",
    "'; drop table portals; --",
    "+275760-09-13",
    "-271821-04-20",
    "0000-01-01",
    "9999-12-31",
    "2026-02-30",
    "1969-12-31",
    "2101-01-01",
    "2026-13-01T25:61:00Z",
    "NaN",
    "Infinity",
    "1e309",
    "-1",
    "00000000-0000-0000-0000-000000000000",
    `https://${"a".repeat(10_000)}.test/`,
    `${"a".repeat(10_000)}@example.test`,
    "javascript:alert(1)",
    "http://169.254.169.254/latest/meta-data/",
    "__proto__",
    "constructor",
  ),
  // Random text with a NUL or a lone surrogate somewhere inside.
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.constantFrom("\u0000", "\ud800", "\udc00", "\ud83d"), fc.string({ maxLength: 20 }))
    .map(([a, bad, b]) => `${a}${bad}${b}`),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(...LONG).map((n) => "x".repeat(n)),
  fc.uuid(),
);

export const adversarialNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 0.5, -1, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, Number.MIN_VALUE),
  fc.double(),
  fc.integer(),
);

const adversarialDate = fc.constantFrom(8.64e15, -8.64e15, NaN, 0, Date.UTC(275760, 8, 13)).map((ms) => new Date(ms));

/** `JSON.parse` makes `__proto__` an own key, as a request body would. */
const protoKeys = () =>
  JSON.parse('{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}}}') as object;

function nested(depth: number, array: boolean): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
}

const structure: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null).map(() => protoKeys()),
  fc.tuple(fc.integer({ min: 50, max: 3_000 }), fc.boolean()).map(([depth, array]) => nested(depth, array)),
  // Huge arrays: of text, of numbers, of ids, of objects.
  fc
    .constantFrom<() => unknown>(
      () => Array.from({ length: 20_000 }, () => "x"),
      () => Array.from({ length: 20_000 }, (_, i) => i),
      () => Array.from({ length: 20_000 }, () => "00000000-0000-4000-8000-000000000000"),
      () => Array.from({ length: 5_000 }, () => ({ a: 1 })),
    )
    .map((make) => make()),
  fc.constant([]),
  fc.constant({}),
);

/** Any value a client could send, weighted towards the ones that broke things. */
export const adversarialValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: adversarialString, weight: 5 },
  { arbitrary: adversarialNumber, weight: 2 },
  { arbitrary: adversarialDate, weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined, true, false, 10n ** 30n), weight: 1 },
  { arbitrary: structure, weight: 2 },
);

export type Segment = string | number;

/** A field of an input schema, and the discriminators that must be set for it to be read. */
export interface FieldPath {
  path: Segment[];
  /** zod's type of the field: "string", "number", "date", "object", "array", "enum" … */
  kind: string;
  requires: { path: Segment[]; value: unknown }[];
}

interface ZodLike {
  _zod: { def: Record<string, unknown> & { type: string } };
}

/** Every field path a zod (v4) schema reads, objects and array elements included. */
export function fieldPaths(schema: unknown): FieldPath[] {
  const seen = new Map<string, FieldPath>();
  for (const p of walk(schema, [], [], [])) seen.set(JSON.stringify(p), p);
  return [...seen.values()];
}

function walk(schema: unknown, path: Segment[], requires: FieldPath["requires"], out: FieldPath[]): FieldPath[] {
  if (path.length > 12) return out;
  const def = (schema as ZodLike)._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return walk(def.innerType, path, requires, out);
    case "pipe":
      return walk(def.in, path, requires, out);
    case "union": {
      const discriminator = def.discriminator as string | undefined;
      for (const option of def.options as ZodLike[]) {
        const literal = discriminator ? (option._zod.def.shape as Record<string, ZodLike>)[discriminator]?._zod.def.values : undefined;
        walk(
          option,
          path,
          discriminator && Array.isArray(literal) ? [...requires, { path: [...path, discriminator], value: literal[0] }] : requires,
          out,
        );
      }
      return out;
    }
    default:
      if (path.length > 0) out.push({ path, kind: def.type, requires });
      if (def.type === "object") {
        for (const [key, field] of Object.entries(def.shape as Record<string, unknown>)) walk(field, [...path, key], requires, out);
      }
      if (def.type === "array") walk(def.element, [...path, 0], requires, out);
      return out;
  }
}

/** A copy of `input` with `value` at `path`, creating objects and arrays on the way. */
export function setAt(input: unknown, path: Segment[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [Segment, ...Segment[]];
  const container = (
    typeof head === "number"
      ? Array.isArray(input)
        ? [...(input as unknown[])]
        : []
      : input && typeof input === "object" && !Array.isArray(input)
        ? { ...input }
        : {}
  ) as Record<string | number, unknown>;
  Object.defineProperty(container, head, {
    value: setAt(container[head], rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return container;
}

/** The values that have made 500s before, tried on every field of their kind before random ones. */
export const KNOWN_BAD: Record<string, unknown[]> = {
  string: ["a\u0000b", "x\ud800y", "x".repeat(10_000), "+275760-09-13"],
  date: ["+275760-09-13", new Date(8.64e15), "0000-01-01"],
  number: [NaN, Infinity, 1e308, 0.5],
};

/** Adversarial values aimed at a field of this kind (and sometimes anything at all). */
export function valueFor(kind: string): fc.Arbitrary<unknown> {
  const known = KNOWN_BAD[kind];
  const aimed = kind === "number" ? adversarialNumber : kind === "date" ? fc.oneof(adversarialDate, adversarialString) : adversarialString;
  return fc.oneof(
    ...(known ? [{ weight: 3, arbitrary: fc.constantFrom(...known) }] : []),
    { weight: 3, arbitrary: aimed as fc.Arbitrary<unknown> },
    { weight: 2, arbitrary: adversarialValue },
  );
}

/** How one fuzz case changes the example input. */
export type Mutation =
  | { kind: "fields"; fields: { field: FieldPath; value: unknown }[] }
  | { kind: "replace"; value: unknown }
  | { kind: "protoKeys"; at: number };

/** Mutations for an input with these field paths: mostly one to three fields, sometimes the whole input. */
export function mutationFor(paths: FieldPath[]): fc.Arbitrary<Mutation> {
  const whole = [
    { weight: 1, arbitrary: adversarialValue.map((value): Mutation => ({ kind: "replace", value })) },
    { weight: 1, arbitrary: fc.nat().map((at): Mutation => ({ kind: "protoKeys", at })) },
  ];
  if (paths.length === 0) return fc.oneof(...whole);
  const field = fc.constantFrom(...paths).chain((f) => valueFor(f.kind).map((value) => ({ field: f, value })));
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(field, { minLength: 1, maxLength: 3 }).map((fields): Mutation => ({ kind: "fields", fields })) },
    ...whole,
  );
}

/** Every known-bad value on every field of its kind, one field at a time: run before the random cases. */
export function knownBadMutations(paths: FieldPath[]): Mutation[] {
  return paths.flatMap((field) => (KNOWN_BAD[field.kind] ?? []).map((value): Mutation => ({ kind: "fields", fields: [{ field, value }] })));
}

/** Applies a mutation to an example input. */
export function mutate(base: unknown, paths: FieldPath[], m: Mutation): unknown {
  if (m.kind === "replace") return m.value;
  if (m.kind === "protoKeys") {
    const objects = [[], ...paths.filter((p) => p.kind === "object").map((p) => p.path)];
    const at = objects[m.at % objects.length]!;
    const proto = protoKeys() as Record<string, unknown>;
    let result: unknown = base ?? {};
    for (const key of ["__proto__", "constructor"]) result = setAt(result, [...at, key], proto[key]);
    return result;
  }
  let result = base;
  for (const { field, value } of m.fields) {
    for (const need of field.requires) result = setAt(result, need.path, need.value);
    result = setAt(result, field.path, value);
  }
  return result;
}
