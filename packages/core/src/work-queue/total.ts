import { sql } from 'drizzle-orm';

/**
 * `count(*) over ()`: the number of rows the query matched before its LIMIT, returned on
 * every row, so one query gives a group's count and its first items.
 */
export const totalRows = () => sql<number>`count(*) over ()`.mapWith(Number);

/** The count and items of a query that selected `total` with totalRows(). */
export function countAndItems<Row extends { total: number }, Item>(
  rows: Row[],
  toItem: (row: Row) => Item,
): { count: number; items: Item[] } {
  return { count: rows[0]?.total ?? 0, items: rows.map(toItem) };
}
