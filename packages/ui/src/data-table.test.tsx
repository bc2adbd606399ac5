import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

import { DataTable } from "./data-table";
import { createDataTableColumnHelper, type SortingState } from "./data-table-columns";
import { NumberCell } from "./number-cell";

type Portal = { id: string; name: string; contacts: number };

const col = createDataTableColumnHelper<Portal>();
const columns = col.columns([
  col.accessor("name", { header: "Portal" }),
  col.accessor("contacts", {
    header: "Marketing contacts",
    meta: { align: "right" },
    cell: (ctx) => <NumberCell value={ctx.getValue()} />,
  }),
]);

const rows: Portal[] = [
  { id: "p1", name: "Acme", contacts: 12480 },
  { id: "p2", name: "Globex", contacts: 980 },
];

function Controlled({ onChange }: { onChange: (s: SortingState) => void }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  return (
    <DataTable
      caption="Portals"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      sorting={sorting}
      onSortingChange={(next) => {
        onChange(next);
        setSorting(next);
      }}
    />
  );
}

describe("DataTable", () => {
  it("renders a captioned table with one row per item and right-aligned formatted numbers", () => {
    render(<DataTable caption="Portals" columns={columns} data={rows} />);
    const table = screen.getByRole("table", { name: "Portals" });
    const bodyRows = within(table).getAllByRole("row").slice(1);
    expect(bodyRows).toHaveLength(2);
    const cells = within(bodyRows[0]!).getAllByRole("cell");
    expect(cells.map((c) => c.textContent)).toEqual(["Acme", "12,480"]);
    expect(cells[1]!.className).toContain("text-right");
    expect(screen.getByRole("columnheader", { name: "Marketing contacts" }).className).toContain("text-right");
  });

  it("shows the empty state when there are no rows", () => {
    render(<DataTable caption="Portals" columns={columns} data={[]} emptyState={<p>No portals connected yet</p>} />);
    const cell = screen.getByText("No portals connected yet").closest("td");
    expect(cell?.getAttribute("colspan")).toBe("2");
  });

  it("shows skeleton rows and a busy table while loading", () => {
    render(<DataTable caption="Portals" columns={columns} data={[]} isLoading loadingRows={3} emptyState="none" />);
    expect(screen.getAllByTestId("data-table-loading-row")).toHaveLength(3);
    expect(screen.getByRole("table").getAttribute("aria-busy")).toBe("true");
    expect(screen.queryByText("none")).toBeNull();
  });

  it("does not make headers sortable without onSortingChange", () => {
    render(<DataTable caption="Portals" columns={columns} data={rows} />);
    expect(screen.queryByRole("button", { name: "Portal" })).toBeNull();
    expect(screen.getByRole("columnheader", { name: "Portal" }).hasAttribute("aria-sort")).toBe(false);
  });

  it("toggles sorting through header buttons and reflects it in aria-sort", async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(s: SortingState) => void>();
    render(<Controlled onChange={onChange} />);
    const header = screen.getByRole("columnheader", { name: "Portal" });
    expect(header.getAttribute("aria-sort")).toBe("none");

    await user.click(within(header).getByRole("button", { name: "Portal" }));
    expect(onChange).toHaveBeenLastCalledWith([{ id: "name", desc: false }]);
    expect(header.getAttribute("aria-sort")).toBe("ascending");

    await user.click(within(header).getByRole("button", { name: "Portal" }));
    expect(onChange).toHaveBeenLastCalledWith([{ id: "name", desc: true }]);
    expect(header.getAttribute("aria-sort")).toBe("descending");

    // Sorting another column replaces the first: the server sorts by one key.
    const contacts = screen.getByRole("columnheader", { name: "Marketing contacts" });
    await user.click(within(contacts).getByRole("button"));
    expect(onChange.mock.lastCall?.[0]).toHaveLength(1);
    expect(onChange.mock.lastCall?.[0][0]?.id).toBe("contacts");
    expect(header.getAttribute("aria-sort")).toBe("none");
  });

  it("keeps row order as given: sorting is the server's job", async () => {
    const user = userEvent.setup();
    render(<Controlled onChange={() => undefined} />);
    await user.click(screen.getByRole("button", { name: "Portal" }));
    await user.click(screen.getByRole("button", { name: "Portal" }));
    const names = screen
      .getAllByRole("row")
      .slice(1)
      .map((r) => within(r).getAllByRole("cell")[0]!.textContent);
    expect(names).toEqual(["Acme", "Globex"]);
  });

  it("pages with Previous/Next according to pageInfo", async () => {
    const user = userEvent.setup();
    const next = vi.fn();
    const previous = vi.fn();
    render(
      <DataTable
        caption="Portals"
        columns={columns}
        data={rows}
        pageInfo={{ hasNextPage: true, hasPreviousPage: false, page: 1, pageCount: 3, totalCount: 1250 }}
        onNextPage={next}
        onPreviousPage={previous}
      />,
    );
    const nav = screen.getByRole("navigation", { name: "Pagination" });
    expect(nav.textContent).toContain("1,250 rows · Page 1 of 3");
    const prevButton = within(nav).getByRole("button", { name: "Previous" });
    expect((prevButton as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(nav).getByRole("button", { name: "Next" }));
    expect(next).toHaveBeenCalledOnce();
    expect(previous).not.toHaveBeenCalled();
  });
});
