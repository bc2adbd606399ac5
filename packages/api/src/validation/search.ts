import { text } from "./primitives";

/**
 * The list pages' search boxes, one schema each, shared by the procedures and the pages: the page
 * checks what is typed with the same limit and says so at the box instead of sending a request
 * the server would refuse.
 */
export const PORTAL_SEARCH_MAX = 100;
export const ROLLUP_SEARCH_MAX = 120;

export const portalSearch = text({ max: PORTAL_SEARCH_MAX, tooLong: "Keep the search to 100 characters or fewer" });
export const rollupSearch = text({ max: ROLLUP_SEARCH_MAX, tooLong: "Keep the search under 120 characters" });
