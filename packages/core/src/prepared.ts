import type { Database } from '@outpost/db';

/**
 * A hot statement prepared once per database handle and reused: PostgreSQL parses and plans
 * it once per connection, and each execution is one round trip (drizzle runs everything
 * else unnamed, which postgres.js describes before executing — two round trips).
 */
export function preparedPerDatabase<T>(prepare: (db: Database) => T): (db: Database) => T {
  const statements = new WeakMap<Database, T>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) {
      statement = prepare(db);
      statements.set(db, statement);
    }
    return statement;
  };
}
