/** One import (imports v3), processed asynchronously after the request returns. */
export interface ImportJob {
  id: string;
  hubId: number;
  appId: number;
  name: string;
  state: "STARTED" | "PROCESSING" | "DONE" | "FAILED" | "CANCELED" | "DEFERRED";
  createdAt: number;
  updatedAt: number;
  request: ImportRequest;
  /** The raw CSV text of the (single) file. */
  csv: string;
  fileName: string;
  counters: Record<string, number>;
  errors: ImportRowError[];
}

export interface ImportRequest {
  name?: string;
  marketableContactImport?: boolean;
  importOperations?: Record<string, "CREATE" | "UPDATE" | "UPSERT">;
  dateFormat?: string;
  files?: {
    fileName?: string;
    fileFormat?: string;
    fileImportPage?: {
      hasHeader?: boolean;
      columnMappings?: {
        columnName?: string;
        propertyName?: string;
        columnObjectTypeId?: string;
        columnObjectType?: string;
        idColumnType?: string;
      }[];
    };
  }[];
}

export interface ImportRowError {
  id: string;
  createdAt: number;
  errorType: string;
  errorMessage: string;
  invalidValue?: string;
  lineNumber: number;
  rowData: string[];
}
