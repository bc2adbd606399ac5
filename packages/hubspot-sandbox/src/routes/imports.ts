import { type FastifyInstance } from "fastify";

import { type SandboxContext } from "../context";
import { scheduleImport } from "../rules/imports";
import { type ImportJob, type ImportRequest } from "../state/importJob";
import { notFound, validationError } from "../util/errors";
import { authed, intParam, paramOf, queryOf } from "./requestHelpers";

const SCOPE = { scope: "crm.import" };

function toApiImport(job: ImportJob): Record<string, unknown> {
  return {
    id: job.id,
    importName: job.name,
    state: job.state,
    createdAt: new Date(job.createdAt).toISOString(),
    updatedAt: new Date(job.updatedAt).toISOString(),
    optOutImport: false,
    importSource: "API",
    mappedObjectTypeIds: ["0-1"],
    importRequestJson: job.request,
    metadata: { counters: job.counters, fileIds: [job.id], objectLists: [] },
  };
}

/** Imports v3: multipart `importRequest` + `files`, asynchronous states, status and errors. */
export function importRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const { state } = ctx;

  app.post("/crm/v3/imports", { config: SCOPE }, async (request) => {
    const { portal, grant } = authed(request);
    if (!request.isMultipart()) throw validationError("Imports need a multipart/form-data body with importRequest and files");
    let importRequest: ImportRequest | undefined;
    let csv: string | undefined;
    let fileName = "import.csv";
    for await (const part of request.parts()) {
      if (part.type === "file") {
        csv = (await part.toBuffer()).toString("utf8");
        fileName = part.filename || fileName;
      } else if (part.fieldname === "importRequest") {
        try {
          importRequest = JSON.parse(String(part.value)) as ImportRequest;
        } catch {
          throw validationError("importRequest is not valid JSON");
        }
      }
    }
    if (!importRequest) throw validationError("Missing importRequest");
    if (csv === undefined) throw validationError("Missing files");
    const now = state.now();
    const job: ImportJob = {
      id: String(state.nextImportId++),
      hubId: portal.hubId,
      appId: grant.appId,
      name: importRequest.name ?? fileName,
      state: "STARTED",
      createdAt: now,
      updatedAt: now,
      request: importRequest,
      csv,
      fileName,
      counters: {},
      errors: [],
    };
    state.imports.set(job.id, job);
    scheduleImport(ctx, job);
    return toApiImport(job);
  });

  app.get("/crm/v3/imports", { config: SCOPE }, async (request) => {
    const { portal } = authed(request);
    const q = queryOf(request);
    const limit = Math.min(100, Math.max(1, intParam(q.limit, 10, "limit")));
    const after = intParam(q.after, 0, "after");
    const jobs = [...state.imports.values()].filter((j) => j.hubId === portal.hubId).reverse();
    const page = jobs.slice(after, after + limit).map(toApiImport);
    return after + limit < jobs.length ? { results: page, paging: { next: { after: String(after + limit) } } } : { results: page };
  });

  const jobOf = (hubId: number, id: string): ImportJob => {
    const job = state.imports.get(id);
    if (!job || job.hubId !== hubId) throw notFound(`Import ${id} not found`);
    return job;
  };

  app.get("/crm/v3/imports/:importId", { config: SCOPE }, async (request) => {
    const { portal } = authed(request);
    return toApiImport(jobOf(portal.hubId, paramOf(request, "importId")));
  });

  app.post("/crm/v3/imports/:importId/cancel", { config: SCOPE }, async (request) => {
    const { portal } = authed(request);
    const job = jobOf(portal.hubId, paramOf(request, "importId"));
    const startedAt = new Date().toISOString();
    if (job.state === "STARTED" || job.state === "PROCESSING") {
      job.state = "CANCELED";
      job.updatedAt = state.now();
    }
    return { status: "COMPLETE", startedAt, completedAt: new Date().toISOString() };
  });

  app.get("/crm/v3/imports/:importId/errors", { config: SCOPE }, async (request) => {
    const { portal } = authed(request);
    const job = jobOf(portal.hubId, paramOf(request, "importId"));
    const q = queryOf(request);
    const limit = Math.min(500, Math.max(1, intParam(q.limit, 100, "limit")));
    const after = intParam(q.after, 0, "after");
    const page = job.errors.slice(after, after + limit).map((e) => ({
      id: e.id,
      createdAt: e.createdAt,
      errorType: e.errorType,
      errorMessage: e.errorMessage,
      ...(e.invalidValue === undefined ? {} : { invalidValue: e.invalidValue }),
      objectType: "CONTACT",
      objectTypeId: "0-1",
      sourceData: {
        lineNumber: e.lineNumber,
        rowData: e.rowData,
        additionalRowData: [],
        containsEncryptedProperties: false,
        fileId: Number(job.id),
        pageName: job.fileName,
      },
    }));
    return after + limit < job.errors.length ? { results: page, paging: { next: { after: String(after + limit) } } } : { results: page };
  });
}
