import { type DatabaseConnection, kpiDailyRollups, kpiMonthlyRollups, rowsOf } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Actor, ingestEvents, type ServiceEventInput } from '../src/index.ts';
import { sampleEvents, seededRandom } from '../src/performance/sample-events.ts';
import { makePartner } from '../src/testing/fixtures.ts';

/**
 * Property: however events arrive — in random batches, retried, overlapping, concurrently,
 * with corrections of earlier events — the incrementally maintained rollups equal a direct
 * aggregation over the stored raw events. Seeded, so a failure names a reproducible case.
 */
let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const SEEDS = [11, 23, 37, 41, 53, 67];

type Grain = 'day' | 'month';

/** Written independently of the ingestion SQL: filters and sums over the raw table, voided events excluded. */
async function directAggregation(partnerIds: string[], grain: Grain) {
  const local = sql`timezone('Asia/Shanghai', e.occurred_at)`;
  const bucket = grain === 'day' ? local : sql`date_trunc('month', ${local})`;
  const ids = sql.join(
    partnerIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = rowsOf<Record<string, string | number>>(
    await conn.db.execute(sql`
      select e.partner_id as "partnerId", to_char(${bucket}, 'YYYY-MM-DD') as bucket,
        count(*) filter (where e.type = 'case_opened')::int as "casesOpened",
        count(*) filter (where e.type = 'case_closed')::int as "casesClosed",
        count(*) filter (where e.type = 'case_closed' and e.occurred_at <= (e.payload->>'slaDueAt')::timestamptz)::int as "closedWithinSla",
        count(*) filter (where e.type = 'customer_rating')::int as "ratingsCount",
        coalesce(sum((e.payload->>'rating')::int) filter (where e.type = 'customer_rating'), 0)::int as "ratingsSum",
        count(*) filter (where e.type = 'compliance_check')::int as "checksTotal",
        count(*) filter (where e.type = 'compliance_check' and (e.payload->>'passed') = 'true')::int as "checksPassed",
        count(*) filter (where e.type = 'complaint')::int as "complaints",
        coalesce(sum((e.payload->>'amount')::numeric) filter (where e.type = 'case_closed'), 0)::numeric(20,2)::text as "handledAmount",
        coalesce(sum((e.payload->>'amount')::numeric) filter (where e.type = 'loss'), 0)::numeric(20,2)::text as "lossAmount"
      from service_events e
      where e.partner_id in (${ids}) and e.type <> 'correction'
        and not exists (select 1 from service_events c where c.partner_id = e.partner_id and c.corrects = e.external_id)
      group by 1, 2`),
  );
  return rows.map((r) => JSON.stringify(r)).sort();
}

async function rollups(partnerIds: string[], grain: Grain) {
  const rows =
    grain === 'day'
      ? (
          await conn.db.select().from(kpiDailyRollups).where(inArray(kpiDailyRollups.partnerId, partnerIds))
        ).map(({ partnerId, day, ...sums }) => ({ partnerId, bucket: day, ...sums }))
      : (
          await conn.db
            .select()
            .from(kpiMonthlyRollups)
            .where(inArray(kpiMonthlyRollups.partnerId, partnerIds))
        )
          // The training columns are snapshots set by the training job, not sums of events.
          .map(
            ({
              partnerId,
              month,
              trainingPeople: _p,
              trainingMet: _m,
              trainingOverdue: _o,
              noticesOwed: _n,
              noticesConfirmed: _c,
              ...sums
            }) => ({ partnerId, bucket: month, ...sums }),
          );
  // A day whose every event was voided keeps a row of zeros; the direct aggregation has no row for it.
  const nonZero = rows.filter((r) =>
    Object.entries(r).some(([k, v]) => k !== 'partnerId' && k !== 'bucket' && Number(v) !== 0),
  );
  return nonZero.map((r) => JSON.stringify(r)).sort();
}

it.each(SEEDS)(
  'daily and monthly rollups equal a direct aggregation of raw events (seed %i)',
  async (seed) => {
    const random = seededRandom(seed);
    const int = (n: number) => Math.floor(random() * n);
    const partnerIds: string[] = [];
    for (let p = 0; p < 3; p++) {
      const partner = await makePartner(conn.db);
      partnerIds.push(partner.id);
      const key: Actor = {
        type: 'api_key',
        keyId: `prop-${seed}-${p}`,
        partnerId: partner.id,
        scopes: ['events'],
      };
      // Midnight in China Standard Time is 16:00 UTC: spread events across many day boundaries
      // and the turn of a month (and year), 1 January 2026 in Shanghai.
      const pool = sampleEvents({
        seed: seed * 10 + p,
        count: 200 + int(300),
        prefix: `s${seed}p${p}`,
        start: new Date('2025-12-28T16:00:00Z'),
        days: 1 + int(10),
      });
      const sent: ServiceEventInput[] = [];
      const corrected = new Set<string>();
      let cursor = 0;
      while (cursor < pool.length) {
        const fresh = pool.slice(cursor, cursor + 1 + int(120));
        cursor += fresh.length;
        // Retries: some already-sent events ride along again.
        const resent = Array.from({ length: int(30) }, () => sent[int(sent.length)]).filter(
          (e): e is ServiceEventInput => e !== undefined,
        );
        // Corrections of earlier, uncorrected, non-correction events.
        const corrections: ServiceEventInput[] = [];
        for (let c = int(4); c > 0 && sent.length > 0; c--) {
          const target = sent[int(sent.length)]!;
          if (target.type === 'correction' || corrected.has(target.externalId)) continue;
          corrected.add(target.externalId);
          corrections.push({
            externalId: `fix-${target.externalId}`,
            type: 'correction',
            occurredAt: target.occurredAt,
            correctsExternalId: target.externalId,
            reason: 'property test',
          });
        }
        const batch = [
          ...new Map([...fresh, ...resent, ...corrections].map((e) => [e.externalId, e])).values(),
        ];
        // Sometimes the same batch goes out twice at once, as a client that timed out and retried would.
        const sends = random() < 0.3 ? 2 : 1;
        await Promise.all(Array.from({ length: sends }, () => ingestEvents(conn.db, key, { events: batch })));
        sent.push(...fresh, ...corrections);
      }
    }
    expect(await rollups(partnerIds, 'day')).toEqual(await directAggregation(partnerIds, 'day'));
    expect(await rollups(partnerIds, 'month')).toEqual(await directAggregation(partnerIds, 'month'));
  },
);
