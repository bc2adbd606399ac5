import type { RouterInputs } from "~/trpc/types";

export type RollupInput = RouterInputs["billing"]["rollup"];

/** The roll-up's first view: the portals with the least headroom first. */
export const initialRollupInput: RollupInput = { sort: { id: "headroomPct", desc: false }, filter: "all" };
