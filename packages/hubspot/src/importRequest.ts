/**
 * The CSV file and import request of a marketing-status import: `UPDATE` only (no contact is
 * created by mistake), contacts identified by record id or by email (docs/hubspot.md).
 */
export function marketingStatusImportRequest(input: {
  emails?: readonly string[];
  ids?: readonly string[];
  marketable: boolean;
  name: string;
}) {
  const byId = input.ids !== undefined;
  const values = (byId ? input.ids : input.emails) ?? [];
  if (values.length === 0) throw new Error("createMarketingStatusImport needs emails or ids");
  const column = byId ? "Record ID" : "Email";
  const csv = [column, ...values.map(csvCell)].join("\n") + "\n";
  const fileName = `${input.name.replace(/[^\w.-]+/g, "_") || "marketing-status"}.csv`;
  const importRequest = {
    name: input.name,
    marketableContactImport: input.marketable,
    importOperations: { "0-1": "UPDATE" },
    files: [
      {
        fileName,
        fileFormat: "CSV",
        fileImportPage: {
          hasHeader: true,
          columnMappings: [
            byId
              ? { columnName: column, propertyName: "hs_object_id", columnObjectTypeId: "0-1", idColumnType: "HUBSPOT_OBJECT_ID" }
              : { columnName: column, propertyName: "email", columnObjectTypeId: "0-1", idColumnType: "HUBSPOT_ALTERNATE_ID" },
          ],
        },
      },
    ],
  };
  return { csv, fileName, importRequest };
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
