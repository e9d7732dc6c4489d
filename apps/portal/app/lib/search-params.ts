/** A page number from the query string: a positive integer, else 1 (a hand-edited URL never errors). */
export function pageParam(params: URLSearchParams, name = 'page'): number {
  const value = Number(params.get(name));
  return Number.isInteger(value) && value >= 1 && value <= 100_000 ? value : 1;
}

/** The same query string with one value replaced (or removed when empty). */
export function withParam(params: URLSearchParams, name: string, value: string | number | null): string {
  const next = new URLSearchParams(params);
  if (value === null || value === '' || value === 1) next.delete(name);
  else next.set(name, String(value));
  const query = next.toString();
  return query ? `?${query}` : '?';
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
