import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { postgresClient } from '../src/index.ts';

it('reads a Unix socket directory and a user from the query string, as libpq does', async () => {
  const sql = postgresClient(
    'postgresql:///outpost?host=/var/run/postgresql&user=outpost&application_name=web',
  );
  expect(sql.options.path).toBe('/var/run/postgresql/.s.PGSQL.5432');
  expect(sql.options.user).toBe('outpost');
  expect(sql.options.database).toBe('outpost');
  // Not sent to the server as settings (PostgreSQL would refuse the connection); others still are.
  expect(sql.options.connection).not.toHaveProperty('host');
  expect(sql.options.connection).not.toHaveProperty('user');
  expect(sql.options.connection).toHaveProperty('application_name', 'web');
  await sql.end();
});

it('leaves an ordinary TCP connection string alone', async () => {
  const sql = postgresClient('postgres://alice@db.internal:6543/outpost');
  expect(sql.options.host).toEqual(['db.internal']);
  expect(sql.options.port).toEqual([6543]);
  expect(sql.options.path).toBe(false);
  expect(sql.options.user).toBe('alice');
  await sql.end();
});

// Connects for real when this machine runs PostgreSQL with its socket in the Debian place.
const socket = '/var/run/postgresql/.s.PGSQL.5432';
it.runIf(existsSync(socket) && process.env.DATABASE_URL)('connects through the socket', async () => {
  const sql = postgresClient('postgresql:///postgres?host=/var/run/postgresql&user=postgres', { max: 1 });
  expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
  await sql.end();
});
