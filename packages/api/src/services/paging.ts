/**
 * One page of rows already filtered and sorted in memory (the roll-up and the integrations matrix
 * compute every visible portal for their totals, then send only the page). A page past the end
 * shows the last one, so a link kept after portals were archived still shows rows.
 */
export function pageOf<T>(rows: T[], page: number, pageSize: number) {
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(Math.max(1, page), pageCount);
  return { rows: rows.slice((current - 1) * pageSize, current * pageSize), matched: rows.length, page: current, pageSize, pageCount };
}
