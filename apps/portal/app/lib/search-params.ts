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

/** A list's free-text search from the query string: trimmed and cut to `max` characters ("" when none). */
export function queryParam(params: URLSearchParams, name = 'q', max = 100): string {
  return (params.get(name) ?? '').trim().slice(0, max);
}

/** A list's checkbox filter from the query string: on only when it is "1". */
export function flagParam(params: URLSearchParams, name: string): boolean {
  return params.get(name) === '1';
}

/** One of the known values, else undefined (a hand-edited bad filter means "no filter", never an error). */
export function oneOfParam<T extends string>(
  params: URLSearchParams,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = params.get(name);
  return values.find((v) => v === value);
}

/** The query string of only the named parameters, in their order in the URL (e.g. for an export link). */
export function pickParams(params: URLSearchParams, names: readonly string[]): string {
  return new URLSearchParams([...params].filter(([k]) => names.includes(k))).toString();
}

/** The page fields a list page's loader returns for its page links. */
export function pageInfo(result: { total: number; page: number }, pageSize: number) {
  return { total: result.total, page: result.page, pages: pageCount(result.total, pageSize) };
}
