import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { Ajv, type ValidateFunction } from "ajv";
import addFormatsImport from "ajv-formats";

import { type RecordedResponse } from "../../src/index";

/**
 * HubSpot's OpenAPI specs, copied unchanged into `packages/hubspot-sandbox/openapi/` (its
 * README names the source and commit). `HUBSPOT_OPENAPI_DIR` points elsewhere, e.g. at a newer copy.
 */
export function findOpenApiDir(): string {
  const fromEnv = process.env.HUBSPOT_OPENAPI_DIR;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "openapi");
}

interface Operation {
  file: string;
  method: string;
  template: string;
  regex: RegExp;
  params: number;
  responses: Record<string, unknown>;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  components?: { responses?: Record<string, unknown> };
}

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as (ajv: Ajv) => Ajv;

/** Validates raw response bodies against the matching operation's response schema, `$ref`s resolved. */
export class ContractValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  private readonly docs = new Map<string, OpenApiDoc>();
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly checked = new Set<string>();

  constructor(dir = findOpenApiDir()) {
    addFormats(this.ajv);
    this.ajv.addFormat("int32", true).addFormat("int64", true);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const doc = JSON.parse(readFileSync(join(dir, file), "utf8")) as OpenApiDoc;
      this.docs.set(file, doc);
      this.ajv.addSchema(doc, file);
      for (const [template, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          if (!op.responses) continue;
          const params = (template.match(/\{[^}]+\}/g) ?? []).length;
          const regex = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}/?$`);
          this.operations.push({ file, method: method.toUpperCase(), template, regex, params, responses: op.responses });
        }
      }
    }
    this.operations.sort((a, b) => a.params - b.params);
  }

  private operationFor(method: string, path: string): Operation | undefined {
    return this.operations.find((o) => o.method === method && o.regex.test(path));
  }

  /** Returns problems (empty when valid); responses no spec describes are skipped. */
  validate(r: RecordedResponse): string[] {
    const path = r.url.split("?")[0] ?? "";
    const op = this.operationFor(r.method, path);
    if (!op) return [];
    if (r.statusCode === 204 || r.body === "") return [];
    let response = (op.responses[String(r.statusCode)] ?? op.responses.default) as
      { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }> } | undefined;
    if (!response) return [`${r.method} ${path}: status ${r.statusCode} is not in the spec (${op.file})`];
    if (response.$ref) {
      const name = response.$ref.split("/").pop()!;
      response = this.docs.get(op.file)?.components?.responses?.[name] as typeof response;
    }
    const schema = response?.content ? Object.values(response.content)[0]?.schema : undefined;
    if (!schema?.$ref) return [];
    const ref = `${op.file}${schema.$ref}`;
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    let body: unknown;
    try {
      body = JSON.parse(r.body);
    } catch {
      return [`${r.method} ${path} ${r.statusCode}: body is not JSON`];
    }
    this.checked.add(`${r.method} ${op.template} ${r.statusCode}`);
    if (validate(body)) return [];
    return [`${r.method} ${path} ${r.statusCode} vs ${ref}: ${this.ajv.errorsText(validate.errors)} — body ${r.body.slice(0, 300)}`];
  }
}

/** Collects every response of a sandbox and the schema problems found in them. */
export function contractRecorder(): { recorder: (r: RecordedResponse) => void; problems: string[]; validator: ContractValidator } {
  const validator = new ContractValidator();
  const problems: string[] = [];
  return { recorder: (r) => problems.push(...validator.validate(r)), problems, validator };
}
