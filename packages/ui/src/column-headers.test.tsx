import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { ColumnHeaders } from "./column-headers";

describe("ColumnHeaders", () => {
  it("renders one th scope=col a column, with the shared class and each column's own", () => {
    const html = renderToStaticMarkup(
      <tr>
        <ColumnHeaders className="px-3 py-2" columns={["Edition", { label: "Block size", className: "text-right" }]} />
      </tr>,
    );
    expect(html).toBe(
      '<tr><th scope="col" class="px-3 py-2">Edition</th><th scope="col" class="px-3 py-2 text-right">Block size</th></tr>',
    );
  });
});
