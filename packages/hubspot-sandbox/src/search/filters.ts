import { propertyDefinition } from "../rules/contactWrites";
import { type ContactRecord } from "../state/contact";
import { type Portal } from "../state/portal";
import { accessor, type PropertyAccessor } from "../state/properties";
import { validationError } from "../util/errors";

export const OPERATORS = [
  "EQ",
  "NEQ",
  "LT",
  "LTE",
  "GT",
  "GTE",
  "BETWEEN",
  "IN",
  "NOT_IN",
  "HAS_PROPERTY",
  "NOT_HAS_PROPERTY",
  "CONTAINS_TOKEN",
  "NOT_CONTAINS_TOKEN",
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Filter {
  propertyName: string;
  operator: Operator;
  value?: unknown;
  highValue?: unknown;
  values?: unknown[];
}

export type Predicate = (c: ContactRecord) => boolean;

/** Dates accept epoch milliseconds or ISO strings, as HubSpot's search does. */
function toNumber(v: unknown, isDate: boolean): number {
  if (typeof v === "number") return v;
  const s = String(v);
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (isDate) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return t;
  }
  throw validationError(`Invalid value "${s}" for a ${isDate ? "date" : "number"} property`);
}

function tokenMatcher(raw: string): (value: string) => boolean {
  const needle = raw.toLowerCase();
  if (needle.includes("*")) {
    const re = new RegExp(
      `^${needle
        .split("*")
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
      "i",
    );
    return (value) => re.test(value) || value.split(/[\s,;]+/).some((t) => re.test(t));
  }
  return (value) => {
    const v = value.toLowerCase();
    return v === needle || v.split(/[^a-z0-9]+/).includes(needle);
  };
}

function compileFilter(portal: Portal, f: Filter): Predicate {
  const def = propertyDefinition(portal, f.propertyName);
  const a: PropertyAccessor = accessor(f.propertyName);
  const isDate = def?.type === "datetime" || def?.type === "date";
  const numeric = (isDate || def?.type === "number") && a.num !== undefined;
  const num = a.num ? (c: ContactRecord) => a.num!(c) : undefined;
  const has = (c: ContactRecord): boolean => {
    const v = a.get(c);
    return v !== null && v !== "";
  };
  const str = (c: ContactRecord): string => (a.get(c) ?? "").toLowerCase();
  const need = (v: unknown): unknown => {
    if (v === undefined || v === null) throw validationError(`Filter on ${f.propertyName} with operator ${f.operator} needs a value`);
    return v;
  };

  switch (f.operator) {
    case "HAS_PROPERTY":
      return has;
    case "NOT_HAS_PROPERTY":
      return (c) => !has(c);
    case "CONTAINS_TOKEN": {
      const m = tokenMatcher(String(need(f.value)));
      return (c) => has(c) && m(a.get(c)!);
    }
    case "NOT_CONTAINS_TOKEN": {
      const m = tokenMatcher(String(need(f.value)));
      return (c) => !has(c) || !m(a.get(c)!);
    }
    case "IN":
    case "NOT_IN": {
      if (!Array.isArray(f.values)) throw validationError(`Filter on ${f.propertyName} with operator ${f.operator} needs values`);
      const inSet = numeric
        ? ((set: Set<number>) => (c: ContactRecord) => {
            const v = num!(c);
            return v !== null && set.has(v);
          })(new Set(f.values.map((v) => toNumber(v, isDate))))
        : (
            (set: Set<string>) => (c: ContactRecord) =>
              has(c) && set.has(str(c))
          )(new Set(f.values.map((v) => String(v).toLowerCase())));
      return f.operator === "IN" ? inSet : (c) => !inSet(c);
    }
    default:
      break;
  }

  if (numeric && num) {
    const value = toNumber(need(f.value), isDate);
    switch (f.operator) {
      case "EQ":
        return (c) => num(c) === value;
      case "NEQ":
        return (c) => num(c) !== value;
      case "LT":
        return (c) => ((v) => v !== null && v < value)(num(c));
      case "LTE":
        return (c) => ((v) => v !== null && v <= value)(num(c));
      case "GT":
        return (c) => ((v) => v !== null && v > value)(num(c));
      case "GTE":
        return (c) => ((v) => v !== null && v >= value)(num(c));
      case "BETWEEN": {
        const high = toNumber(need(f.highValue), isDate);
        return (c) => ((v) => v !== null && v >= value && v <= high)(num(c));
      }
    }
  }

  const value = String(need(f.value)).toLowerCase();
  switch (f.operator) {
    case "EQ":
      return (c) => has(c) && str(c) === value;
    case "NEQ":
      return (c) => str(c) !== value;
    case "LT":
      return (c) => has(c) && str(c) < value;
    case "LTE":
      return (c) => has(c) && str(c) <= value;
    case "GT":
      return (c) => has(c) && str(c) > value;
    case "GTE":
      return (c) => has(c) && str(c) >= value;
    case "BETWEEN": {
      const high = String(need(f.highValue)).toLowerCase();
      return (c) => has(c) && str(c) >= value && str(c) <= high;
    }
  }
  throw validationError(`Unsupported operator ${String(f.operator)}`);
}

export const MAX_FILTER_GROUPS = 5;
export const MAX_FILTERS_PER_GROUP = 10;
export const MAX_FILTERS_TOTAL = 25;

/** Filters in a group are ANDed, groups are ORed; HubSpot's limits are enforced first. */
export function compileFilterGroups(portal: Portal, groups: unknown): Predicate | null {
  if (groups === undefined || groups === null) return null;
  if (!Array.isArray(groups)) throw validationError("filterGroups must be an array");
  if (groups.length === 0) return null;
  if (groups.length > MAX_FILTER_GROUPS) {
    throw validationError(`Too many filter groups (${groups.length}). The maximum number of filter groups is ${MAX_FILTER_GROUPS}.`, {
      subCategory: "PublicObjectSearchRequestValidationError.TOO_MANY_FILTER_GROUPS",
    });
  }
  let total = 0;
  const compiled = groups.map((g: unknown) => {
    const filters = (g as { filters?: unknown }).filters;
    if (!Array.isArray(filters)) throw validationError("each filter group needs a filters array");
    if (filters.length > MAX_FILTERS_PER_GROUP) {
      throw validationError(
        `Too many filters in a filter group (${filters.length}). The maximum number of filters in a group is ${MAX_FILTERS_PER_GROUP}.`,
        { subCategory: "PublicObjectSearchRequestValidationError.TOO_MANY_FILTERS_IN_GROUP" },
      );
    }
    total += filters.length;
    return filters.map((f: unknown) => {
      const filter = f as Filter;
      if (typeof filter.propertyName !== "string" || !OPERATORS.includes(filter.operator)) {
        throw validationError(`Invalid filter: ${JSON.stringify(f)}`);
      }
      return compileFilter(portal, filter);
    });
  });
  if (total > MAX_FILTERS_TOTAL) {
    throw validationError(`Too many filters (${total}). The maximum number of filters across all filter groups is ${MAX_FILTERS_TOTAL}.`, {
      subCategory: "PublicObjectSearchRequestValidationError.TOO_MANY_FILTERS",
    });
  }
  return (c) => compiled.some((group) => group.every((p) => p(c)));
}

/** Free-text `query`: a prefix of a token of the default searchable properties. */
export function compileQuery(query: unknown): Predicate | null {
  if (typeof query !== "string" || query.trim() === "") return null;
  const q = query.trim().toLowerCase();
  const fields = ["email", "firstname", "lastname", "phone", "company"].map((n) => accessor(n));
  return (c) =>
    fields.some((a) => {
      const v = a.get(c);
      if (!v) return false;
      const lower = v.toLowerCase();
      return lower.startsWith(q) || lower.split(/[^a-z0-9]+/).some((t) => t.startsWith(q));
    });
}
