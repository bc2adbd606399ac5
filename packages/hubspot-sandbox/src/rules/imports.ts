import { parse } from "csv-parse/sync";

import { type SandboxContext } from "../context";
import { type ContactRecord } from "../state/contact";
import { type ImportJob, type ImportRowError } from "../state/importJob";
import { type Portal } from "../state/portal";
import { HubSpotError } from "../util/errors";
import { createContact, propertyDefinition, setMarketing, updateContact } from "./contactWrites";
import { initialStatus } from "./marketing";
import { adminSource } from "./sources";

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Column {
  index: number;
  property: string;
  isObjectId: boolean;
}

function columnsOf(job: ImportJob, header: string[]): Column[] {
  const mappings = job.request.files?.[0]?.fileImportPage?.columnMappings;
  const columns: Column[] = [];
  header.forEach((name, index) => {
    const m = mappings ? mappings.find((x) => x.columnName === name) : { propertyName: name, columnObjectTypeId: "0-1" };
    if (!m?.propertyName) return;
    const type = m.columnObjectTypeId ?? m.columnObjectType ?? "0-1";
    if (type !== "0-1" && type.toUpperCase() !== "CONTACT") return;
    columns.push({
      index,
      property: m.propertyName,
      isObjectId: m.idColumnType === "HUBSPOT_OBJECT_ID" || m.propertyName === "hs_object_id",
    });
  });
  return columns;
}

/**
 * Runs an import to completion. `marketableContactImport: true` promotes every imported contact
 * (created or updated) at once; `false` makes created contacts non-marketing and queues the
 * demotion of updated ones until the update date; absent leaves existing contacts' status alone.
 */
export function runImport(ctx: SandboxContext, portal: Portal, job: ImportJob): void {
  const { state } = ctx;
  const rows: string[][] = parse(job.csv, { relax_column_count: true, skip_empty_lines: true, bom: true });
  const hasHeader = job.request.files?.[0]?.fileImportPage?.hasHeader !== false;
  const header = hasHeader ? (rows.shift() ?? []) : (rows[0] ?? []).map((_, i) => `column${i + 1}`);
  const columns = columnsOf(job, header);
  const operation = job.request.importOperations?.["0-1"] ?? "UPSERT";
  const marketable = job.request.marketableContactImport;
  const reason = { type: "IMPORT", id: job.id };
  const src = { ...adminSource(state, portal, "import", { marketing: false }), sourceId: job.id, sourceDetail1: job.name };
  let created = 0;
  let updated = 0;
  const errors: ImportRowError[] = [];
  const fail = (lineNumber: number, row: string[], errorType: string, errorMessage: string, invalidValue?: string): void => {
    errors.push({ id: `${job.id}-${lineNumber}`, createdAt: state.now(), errorType, errorMessage, invalidValue, lineNumber, rowData: row });
  };

  rows.forEach((row, i) => {
    const lineNumber = i + (hasHeader ? 2 : 1);
    const props: Record<string, string> = {};
    let objectId: string | undefined;
    for (const col of columns) {
      const v = row[col.index]?.trim() ?? "";
      if (col.isObjectId) objectId = v;
      else if (v !== "") {
        const def = propertyDefinition(portal, col.property);
        // Read-only and unknown columns are skipped, as HubSpot ignores unmapped data.
        if (def && !def.modificationMetadata.readOnlyValue) props[col.property] = v;
      }
    }
    if (props.email !== undefined && !EMAIL_RE.test(props.email)) {
      fail(lineNumber, row, "INVALID_EMAIL", `${props.email} is not a valid email address`, props.email);
      return;
    }
    let existing: ContactRecord | undefined;
    if (objectId && /^\d+$/.test(objectId)) existing = portal.contacts.getLive(Number(objectId));
    if (!existing && props.email) existing = portal.contacts.byEmail(props.email);
    try {
      if (existing) {
        if (operation === "CREATE") {
          fail(lineNumber, row, "CREATE_ONLY_IMPORT", "The record already exists and this import only creates records");
          return;
        }
        updateContact(state, portal, existing, props, "IMPORT");
        if (marketable !== undefined) setMarketing(state, portal, existing, marketable, reason, "IMPORT");
        updated++;
      } else {
        if (operation === "UPDATE") {
          fail(lineNumber, row, "UPDATE_ONLY_IMPORT", "Unable to find a record to update; this import only updates existing records");
          return;
        }
        if (!props.email && !objectId) {
          fail(lineNumber, row, "MISSING_REQUIRED_PROPERTY", "A contact needs an email or a record ID");
          return;
        }
        const c = createContact(state, portal, props, src);
        if (marketable === true) initialStatus(state, portal, c, true, reason);
        created++;
      }
    } catch (e) {
      if (!(e instanceof HubSpotError)) throw e;
      fail(lineNumber, row, "FAILED_VALIDATION", e.body.message);
    }
  });
  job.errors = errors;
  job.counters = { TOTAL_ROWS: rows.length, CREATED_OBJECTS: created, UPDATED_OBJECTS: updated, ERRORS: errors.length };
}

/** STARTED → PROCESSING → DONE (or FAILED), each step after `importStepMs`, like HubSpot's asynchronous imports. */
export function scheduleImport(ctx: SandboxContext, job: ImportJob): void {
  setTimeout(() => {
    if (job.state === "CANCELED") return;
    job.state = "PROCESSING";
    job.updatedAt = ctx.state.now();
    setTimeout(() => {
      if (job.state === "CANCELED") return;
      const portal = ctx.state.portal(job.hubId);
      try {
        if (!portal) throw new Error("portal removed");
        runImport(ctx, portal, job);
        job.state = "DONE";
      } catch {
        job.state = "FAILED";
      }
      job.updatedAt = ctx.state.now();
    }, ctx.importStepMs);
  }, ctx.importStepMs);
}
