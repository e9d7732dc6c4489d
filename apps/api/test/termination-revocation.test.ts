import {
  createApiKey,
  decideTermination,
  ensureDefaultKpis,
  openTerminationCase,
  runTerminationsDue,
  sampleEvents,
  setSetting,
} from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import { type DatabaseConnection, departments, type Partner } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { addDays, todayInChina } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, json, makeApi } from './helpers.ts';

let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
let partner: Partner;
let key: string;
let partnerCookie: string;
let riskCookie: string;

const bearer = (k: string) => ({ authorization: `Bearer ${k}` });
const events = (prefix: string) => ({
  events: sampleEvents({ seed: 5, count: 3, prefix, start: new Date('2026-01-05T00:00:00Z'), days: 3 }),
});
type ErrorBody = { error: { code: string; message: string } };

beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db);
  await ensureDefaultKpis(conn.db);
  partner = await makePartner(conn.db, { legalName: 'Leaving Claims Ltd' });
  const admin = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  key = (await createApiKey(conn.db, admin.actor, { name: 'Claims system', scopes: ['events'] })).key;
  partnerCookie = await cookieFor(conn.db, admin.user.id);
  const officer = await makeStaff(conn.db, ['risk_officer']);
  riskCookie = await cookieFor(conn.db, officer.user.id);
  const approver = await makeStaff(conn.db, ['admin']);
  await setSetting(conn.db, approver.actor, 'termination.approvers', { userIds: [approver.user.id] });
  const [risk] = await conn.db.select().from(departments).where(eq(departments.key, 'risk'));
  const row = await openTerminationCase(conn.db, officer.actor, {
    partnerId: partner.id,
    source: 'non_renewal',
    type: 'non_renewal',
    reason: 'The arrangement is not renewed.',
    effectiveDate: addDays(todayInChina(), 10),
    departmentId: risk!.id,
    responsibleId: officer.user.id,
  });
  await decideTermination(conn.db, approver.actor, { caseId: row.id, decision: 'approve' });
});
afterAll(() => conn.close());

describe('access revocation on the effective date', () => {
  it('before the date everything works; on it the session, the key and ingestion are refused', async () => {
    // Exiting, before the effective date: the partner still works normally.
    const read = await api.request(`/v1/partners/${partner.id}`, { headers: { cookie: partnerCookie } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ status: 'exiting' });
    expect((await api.request('/v1/events', json(events('before'), bearer(key)))).status).toBe(200);
    expect((await runTerminationsDue(conn.db)).completed).toEqual([]);
    expect((await api.request('/v1/events', json(events('still'), bearer(key)))).status).toBe(200);

    // The job runs on the effective date.
    const effective = new Date(Date.now() + 10 * 24 * 3600 * 1000 + 60_000);
    expect((await runTerminationsDue(conn.db, effective)).completed).toHaveLength(1);

    // The signed-in session is refused on its next request.
    const after = await api.request(`/v1/partners/${partner.id}`, { headers: { cookie: partnerCookie } });
    expect(after.status).toBe(401);
    // The API key gets 401.
    const byKey = await api.request('/v1/events', json(events('after'), bearer(key)));
    expect(byKey.status).toBe(401);
    // Nobody can feed it events any more, not even staff importing for it: a clear error code.
    const byStaff = await api.request(
      '/v1/events',
      json({ partnerId: partner.id, ...events('staff') }, { cookie: riskCookie }),
    );
    expect(byStaff.status).toBe(403);
    expect(((await byStaff.json()) as ErrorBody).error.code).toBe('partner.terminated');
    // Its data stays readable to staff.
    const archive = await api.request(`/v1/partners/${partner.id}`, { headers: { cookie: riskCookie } });
    expect(archive.status).toBe(200);
    expect(await archive.json()).toMatchObject({ status: 'terminated' });
  });
});
