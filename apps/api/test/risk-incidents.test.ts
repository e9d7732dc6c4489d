import { addRemediationTask, openRiskIncident } from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff } from '@outpost/core/testing';
import type { DatabaseConnection } from '@outpost/db';
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

describe('GET /api/v1/risk/incidents', () => {
  it('lists a partner’s own incidents with its tasks only; another partner’s is 404; staff are refused', async () => {
    const officer = await makeStaff(conn.db, ['risk_officer']);
    const mine = await makePartner(conn.db);
    const other = await makePartner(conn.db);
    const member = await makePartnerUser(conn.db, mine.id, 'partner_member');
    const open = async (partnerId: string, title: string) => {
      const { incident } = await openRiskIncident(conn.db, officer.actor, {
        partnerId,
        title,
        severity: 'warning',
        handlingPlan: 'internal notes',
        responsibleId: officer.user.id,
      });
      await addRemediationTask(conn.db, officer.actor, {
        incidentId: incident.id,
        assignee: 'partner',
        description: `${title} task`,
        dueDate: '2099-01-31',
      });
      await addRemediationTask(conn.db, officer.actor, {
        incidentId: incident.id,
        assignee: 'internal',
        assigneeId: officer.user.id,
        description: 'internal task',
        dueDate: '2099-01-31',
      });
      return incident;
    };
    const own = await open(mine.id, 'Ours');
    const foreign = await open(other.id, 'Theirs');
    const cookie = { headers: { cookie: await cookieFor(conn.db, member.user.id) } };

    const list = await api.request('/v1/risk/incidents', cookie);
    expect(list.status, await list.clone().text()).toBe(200);
    const body = (await list.json()) as { items: { id: string; openTasks: number }[]; total: number };
    expect(body.items.map((i) => i.id)).toEqual([own.id]);
    expect(body.items[0]!.openTasks).toBe(1);

    const detail = await api.request(`/v1/risk/incidents/${own.id}`, cookie);
    expect(detail.status).toBe(200);
    const text = await detail.text();
    expect(text).toContain('Ours task');
    expect(text).not.toContain('internal task');
    expect(text).not.toContain('internal notes');

    expect((await api.request(`/v1/risk/incidents/${foreign.id}`, cookie)).status).toBe(404);
    expect((await api.request('/v1/risk/incidents/not-an-id', cookie)).status).toBe(404);
    const staffCookie = { headers: { cookie: await cookieFor(conn.db, officer.user.id) } };
    expect((await api.request('/v1/risk/incidents', staffCookie)).status).toBe(403);
    expect((await api.request('/v1/risk/incidents')).status).toBe(401);
  });
});
