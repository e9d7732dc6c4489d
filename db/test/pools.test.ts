import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openDatabase } from '../src/index.ts';

// Only PostgreSQL has pools (PGlite is one embedded connection).
const url = process.env.DATABASE_URL;

it.runIf(url)(
  'a transaction holding every transaction connection does not hold up single statements',
  async () => {
    const conn = await openDatabase({ url, statementConnections: 1, transactionConnections: 1 });
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inside!: () => void;
      const started = new Promise<void>((resolve) => (inside = resolve));
      const transaction = conn.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        inside();
        await held; // like a long ingestion batch
        return (await tx.execute(sql`select txid_current() as id`)) as unknown;
      });
      await started;
      // The only transaction connection is taken; a page view's statement still answers.
      const answered = await Promise.race([
        conn.db.execute(sql`select 2 as two`).then(() => 'answered'),
        new Promise((resolve) => setTimeout(() => resolve('stalled'), 2_000)),
      ]);
      expect(answered).toBe('answered');
      release();
      await transaction;
    } finally {
      await conn.close();
    }
  },
);

it.runIf(url)('what a transaction committed, the next statement on the other pool reads', async () => {
  const conn = await openDatabase({ url });
  try {
    const table = `pools_${process.pid}_${Date.now()}`;
    await conn.db.execute(sql.raw(`create table ${table} (n int)`));
    try {
      await conn.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`insert into ${table} values (42)`));
      });
      const rows = (await conn.db.execute(sql.raw(`select n from ${table}`))) as unknown as { n: number }[];
      expect([...rows]).toEqual([{ n: 42 }]);
    } finally {
      await conn.db.execute(sql.raw(`drop table ${table}`));
    }
  } finally {
    await conn.close();
  }
});
