import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseConnection, rowsOf } from '../src/index.ts';
import { createTestDatabase } from '../src/testing/index.ts';

/**
 * service_events has no row-level foreign key to partners (its per-row check cost as much as a
 * batch's insert); migration 0021 keeps the rule with a statement-level trigger and a delete guard.
 * These tests fail if either guard is dropped, or if an upgrade changes how they behave.
 */
let conn: DatabaseConnection;
let partnerId: string;

const insertEvents = (ids: string[], externalPrefix: string) =>
  conn.db.execute(sql`
    insert into service_events (partner_id, external_id, type, occurred_at, payload, batch_id)
    select p::uuid, ${externalPrefix} || ordinality, 'complaint', now(), '{}'::jsonb, gen_random_uuid()
    from unnest(${`{${ids.join(',')}}`}::text[]) with ordinality as p`);

const messageOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'stored';
  } catch (error) {
    let e = error as { message?: string; cause?: unknown } | undefined;
    while (e?.cause) e = e.cause as typeof e;
    return e?.message ?? String(error);
  }
};

beforeAll(async () => {
  conn = await createTestDatabase();
  partnerId = randomUUID();
  await conn.db.execute(sql`
    insert into partners (id, legal_name, credit_code, service_categories)
    values (${partnerId}, 'Guard Test Ltd', '91310000MA1FL0GU7X', '{claims}')`);
});
afterAll(() => conn?.close());

describe('service events and their partner', () => {
  it('stores events of an existing partner', async () => {
    await insertEvents([partnerId, partnerId], 'ok-');
    expect(await countEvents()).toBe(2);
  });

  it('refuses a whole statement when one event names no partner, storing none of it', async () => {
    const before = await countEvents();
    const outcome = await messageOf(insertEvents([partnerId, randomUUID(), partnerId], 'bad-'));
    expect(outcome).toMatch(/names no partner/);
    expect(await countEvents()).toBe(before);
  });

  it('refuses deleting a partner that has events', async () => {
    const outcome = await messageOf(conn.db.execute(sql`delete from partners where id = ${partnerId}`));
    expect(outcome).toMatch(/has service events and cannot be deleted/);
    expect(await countEvents()).toBeGreaterThan(0);
  });
});

async function countEvents(): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await conn.db.execute(sql`select count(*)::int as n from service_events`),
  );
  return row!.n;
}
