import postgres from 'postgres';

type Options = postgres.Options<Record<string, postgres.PostgresType>>;

/**
 * A postgres.js client for a connection string. It also takes libpq's way of naming a Unix
 * socket directory and a user in the query string —
 * `postgresql:///outpost?host=/var/run/postgresql&user=outpost` — which postgres.js would
 * otherwise send to the server as settings (and pg-boss, on the same URL, already reads).
 * With PostgreSQL on the same machine the socket costs less per query than TCP loopback.
 */
export function postgresClient(url: string, options: Options = {}): postgres.Sql {
  const parsed = new URL(url);
  const fromQuery: { host?: string; user?: string } = {};
  for (const key of ['host', 'user'] as const) {
    const value = parsed.searchParams.get(key);
    if (value) {
      fromQuery[key] = value;
      parsed.searchParams.delete(key);
    }
  }
  return postgres(parsed.toString(), { ...options, ...fromQuery });
}
