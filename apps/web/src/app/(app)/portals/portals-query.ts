/** The portals table's first query: shared by the server prefetch and the client table. */
export type PortalSortKey = "name" | "edition" | "purchasedTier" | "renewalDate";

export const initialPortalsQuery: { sort: PortalSortKey; direction: "asc" | "desc"; page: number; pageSize: number } = {
  sort: "name",
  direction: "asc",
  page: 1,
  pageSize: 25,
};
