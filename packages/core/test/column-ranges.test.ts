import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import { type DatabaseConnection, kpiDefinitions } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppError,
  asAppError,
  calendarDate,
  databaseProblem,
  ingestEvents,
  instant,
  int32,
  isAppError,
  recordAssessment,
  saveKpi,
  submitApplication,
} from '../src/index.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

/** The AppError a call throws (fails the test if it throws anything else or nothing). */
async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('values no column can hold are field errors before any query', () => {
  it('integers beyond 32 bits, years outside the calendar', () => {
    expect(int32().safeParse(2 ** 31).success).toBe(false);
    expect(int32().safeParse(2 ** 31 - 1).success).toBe(true);
    expect(calendarDate().safeParse('0000-01-01').success).toBe(false);
    expect(calendarDate().safeParse('2026-02-30').success).toBe(false);
    expect(calendarDate().safeParse('2026-02-28').success).toBe(true);
    expect(instant().safeParse('0000-01-01T00:00:00Z').success).toBe(false);
    expect(instant().safeParse('2026-07-01T09:30:00+08:00').success).toBe(true);
  });

  it('a KPI sort order of 2^31 → 422 on sortOrder, nothing stored', async () => {
    const { actor } = await makeStaff(conn.db, ['admin']);
    const error = await refusal(
      saveKpi(conn.db, actor, {
        key: 'too_far',
        nameZh: '排序越界',
        nameEn: 'Sort order overflow',
        unit: 'percent',
        computation: 'share_passed',
        direction: 'higher_better',
        target: 98,
        warningThreshold: 95,
        criticalThreshold: 90,
        weight: 10,
        sortOrder: 2 ** 31,
      } as never),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.details?.fields).toEqual([expect.objectContaining({ path: 'sortOrder' })]);
    expect(await conn.db.select().from(kpiDefinitions).where(eqKey('too_far'))).toEqual([]);
  });

  it('an event stamped in year 0 → 422 naming the event, nothing stored', async () => {
    const partner = await makePartner(conn.db);
    const error = await refusal(
      ingestEvents(
        conn.db,
        { type: 'api_key', keyId: 'k', partnerId: partner.id, scopes: ['events'] },
        {
          events: [
            { externalId: 'y0', type: 'customer_rating', occurredAt: '0000-01-01T00:00:00Z', rating: 3 },
          ],
        },
      ),
    );
    expect(error.code).toBe('validation_failed');
    expect(JSON.stringify(error.details)).toContain('occurredAt');
  });

  it('an assessment naming a report version that does not exist → 422 on thirdPartyReportVersionId', async () => {
    const partner = await makePartner(conn.db, { status: 'invited' });
    const { actor: partnerAdmin } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
    const { actor: reviewer } = await makeStaff(conn.db, ['reviewer']);
    // No documents are required for an empty catalogue, so the application can be submitted.
    const application = await submitApplication(conn.db, partnerAdmin, { serviceCategories: ['claims'] });
    const error = await refusal(
      recordAssessment(conn.db, reviewer, application.id, {
        financial: 70,
        capability: 70,
        compliance: 70,
        reputation: 70,
        thirdPartyReportVersionId: '00000000-0000-0000-0000-000000000000',
      }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.details).toMatchObject({ field: 'thirdPartyReportVersionId' });
  });
});

describe('what PostgreSQL refuses, mapped in one place', () => {
  const pgError = async (statement: string) => {
    try {
      await conn.db.execute(statement as never);
    } catch (error) {
      return error;
    }
    throw new Error(`expected ${statement} to fail`);
  };

  it('a foreign key to nothing → 422 naming the column as its field', async () => {
    const error = await pgError(
      "insert into assessments (application_id, financial, capability, compliance, reputation) values ('00000000-0000-0000-0000-000000000000', 1, 1, 1, 1)",
    );
    expect(databaseProblem(error)).toMatchObject({
      code: 'validation_failed',
      details: { field: 'applicationId', fields: [{ path: 'applicationId' }] },
    });
  });

  it('a duplicate → 409 on the field; a number or date out of range → 422; a non-uuid id → 404', async () => {
    const partner = await makePartner(conn.db);
    const duplicate = await pgError(
      `insert into partners (legal_name, credit_code, status, service_categories) values ('x', '${partner.creditCode}', 'active', '{claims}')`,
    );
    expect(databaseProblem(duplicate)).toMatchObject({ code: 'conflict', details: { field: 'creditCode' } });
    expect(databaseProblem(await pgError('select 2147483648::int'))).toMatchObject({
      code: 'validation_failed',
    });
    expect(databaseProblem(await pgError("select '0000-01-01'::date"))).toMatchObject({
      code: 'validation_failed',
    });
    expect(databaseProblem(await pgError("select 'nope'::uuid"))).toMatchObject({ code: 'not_found' });
  });

  it('anything else stays a real error', async () => {
    expect(asAppError(new Error('boom'))).toBeNull();
    expect(databaseProblem(await pgError('select * from no_such_table'))).toBeNull();
  });
});

const eqKey = (key: string) => eq(kpiDefinitions.key, key);
