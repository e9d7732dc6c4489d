import { addPerson, createApiKey } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import { type DatabaseConnection, trainingCompletions } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFor, makeApi } from './helpers.ts';

let conn: DatabaseConnection;
let api: ReturnType<typeof makeApi>;
beforeAll(async () => {
  conn = await createTestDatabase();
  api = makeApi(conn.db);
});
afterAll(() => conn.close());

const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

/** A partner with an administrator, people on its roster and a completion per person per date. */
async function partnerWithTraining(prefix: string, names: string[], dates: string[]) {
  const partner = await makePartner(conn.db, { legalName: `${prefix} Training Ltd` });
  const { user, actor: admin } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  const people = [];
  for (const name of names) {
    const person = await addPerson(conn.db, admin, {
      name,
      staffNumber: `${prefix}-${Math.random().toString(36).slice(2, 10)}`,
      jobRole: 'Agent',
      serviceCategory: 'agency',
      startDate: '2024-01-01',
    });
    people.push(person);
    for (const completedOn of dates) {
      await conn.db.insert(trainingCompletions).values({
        personId: person.id,
        partnerId: partner.id,
        source: 'external',
        category: 'law_ethics',
        minutes: 120,
        completedOn,
        certificateCode: `T-${person.id}-${completedOn}`,
      });
    }
  }
  return { partner, admin, user, people };
}

describe('the training API', () => {
  it('gives a partner’s training key its own roster (masked, paginated) and completions since a date, never another partner’s', async () => {
    const a = await partnerWithTraining('A', ['Alice', 'Bob', 'Carol'], ['2025-06-30', '2026-01-15']);
    const b = await partnerWithTraining('B', ['Bravo Secret'], ['2026-02-01']);
    const { key } = await createApiKey(conn.db, a.admin, { name: 'LMS', scopes: ['training'] });

    const first = await api.request('/v1/training/people?pageSize=2', bearer(key));
    expect(first.status).toBe(200);
    const page1 = await first.json();
    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page1.items.map((p: { name: string }) => p.name)).toEqual(['Alice', 'Bob']);
    const page2 = await (await api.request('/v1/training/people?pageSize=2&page=2', bearer(key))).json();
    expect(page2.items.map((p: { name: string }) => p.name)).toEqual(['Carol']);
    // Staff numbers are masked: the middle never leaves the server.
    const alice = a.people[0]!;
    expect(page1.items[0]).toEqual({
      id: alice.id,
      name: 'Alice',
      staffNumber: `${alice.staffNumber.slice(0, 2)}${'•'.repeat(alice.staffNumber.length - 4)}${alice.staffNumber.slice(-2)}`,
      jobRole: 'Agent',
      serviceCategory: 'agency',
      startDate: '2024-01-01',
      hasPortalAccount: false,
    });

    const all = await (await api.request('/v1/training/completions', bearer(key))).json();
    expect(all.total).toBe(6);
    const since = await (await api.request('/v1/training/completions?since=2026-01-01', bearer(key))).json();
    expect(since.total).toBe(3);
    expect(since.items.every((c: { completedOn: string }) => c.completedOn === '2026-01-15')).toBe(true);
    expect(since.items[0]).toMatchObject({
      source: 'external',
      category: 'law_ethics',
      minutes: 120,
      courseId: null,
      recordedAt: expect.any(String),
    });
    const paged = await (
      await api.request('/v1/training/completions?since=2025-01-01&pageSize=4&page=2', bearer(key))
    ).json();
    expect(paged).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(paged.items).toHaveLength(2);

    // Nothing of partner B, by any route.
    const everything = JSON.stringify([page1, page2, all]);
    expect(everything).not.toContain('Bravo Secret');
    expect(everything).not.toContain(b.people[0]!.id);
    expect(all.items.map((c: { personId: string }) => c.personId)).not.toContain(b.people[0]!.id);

    // B's administrator, signed in, sees B's only.
    const bCookie = { headers: { cookie: await cookieFor(conn.db, b.user.id) } };
    const bPeople = await (await api.request('/v1/training/people', bCookie)).json();
    expect(bPeople.items.map((p: { name: string }) => p.name)).toEqual(['Bravo Secret']);
    const bDone = await (await api.request('/v1/training/completions', bCookie)).json();
    expect(bDone.items.map((c: { personId: string }) => c.personId)).toEqual([b.people[0]!.id]);
  });

  it('refuses a key without the training purpose, partner members and staff, and a bad date', async () => {
    const a = await partnerWithTraining('C', ['Dora'], ['2026-01-15']);
    const { key: eventsKey } = await createApiKey(conn.db, a.admin, { name: 'Events', scopes: ['events'] });
    const { key } = await createApiKey(conn.db, a.admin, { name: 'LMS', scopes: ['training'] });
    const noScope = await api.request('/v1/training/people', bearer(eventsKey));
    expect(noScope.status).toBe(403);

    const { user: member } = await makePartnerUser(conn.db, a.partner.id, 'partner_member');
    const memberCall = await api.request('/v1/training/completions', {
      headers: { cookie: await cookieFor(conn.db, member.id) },
    });
    expect(memberCall.status).toBe(403);

    const { user: staff } = await makeStaff(conn.db, ['risk_officer']);
    const staffCall = await api.request('/v1/training/people', {
      headers: { cookie: await cookieFor(conn.db, staff.id) },
    });
    expect(staffCall.status).toBe(403);
    expect((await staffCall.json()).error.code).toBe('forbidden');

    const bad = await api.request('/v1/training/completions?since=2026-13-40', bearer(key));
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.fields[0].path).toBe('since');

    const anonymous = await api.request('/v1/training/people');
    expect(anonymous.status).toBe(401);
  });
});
