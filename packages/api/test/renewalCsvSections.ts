import Papa from "papaparse";

/** The CSV's sections by title: each a header line and its rows, as Papa parses them. */
export function sections(csv: string) {
  const out = new Map<string, Record<string, string>[]>();
  for (const block of csv.trim().split("\n\n")) {
    const [title, ...rest] = block.split("\n");
    const parsed = Papa.parse<Record<string, string>>(rest.join("\n"), { header: true, skipEmptyLines: true });
    out.set(Papa.parse<string[]>(title!).data[0]![0]!, parsed.data);
  }
  return out;
}
