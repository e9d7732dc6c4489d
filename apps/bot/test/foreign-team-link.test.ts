import { pendingSlackLinkRequest, personById, resolveSlackLinkRequest } from '@outpost/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slashCommandBody } from '../src/testing/index.ts';
import { createStaff, linkStaff, uniqueSlackId } from './fixtures.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.fake.reset());

const linkOf = (userId: string) =>
  h.conn.db.query.slackLinks.findFirst({ where: (l, { eq }) => eq(l.userId, userId) });
const auditOf = (userId: string, action: string) =>
  h.conn.db.query.auditLog.findMany({
    where: (a, { and, eq }) => and(eq(a.entityId, userId), eq(a.action, action)),
  });

describe('Slack link takeover', () => {
  it('refuses every request from another workspace, before any listener or lookup runs', async () => {
    const email = `victim.${Date.now()}@insurer.test`;
    const victim = await createStaff(h.conn.db, { name: 'Victim Staff', email });
    const own = uniqueSlackId();
    await linkStaff(h.conn.db, victim.id, own);
    const intruder = uniqueSlackId();
    h.fake.addUser({ id: intruder, email, teamId: 'T0ELSEWHERE' });

    const response = await h.post(
      slashCommandBody({
        user: { id: intruder, teamId: 'T0ELSEWHERE' },
        text: 'link',
        responseUrl: h.fake.responseUrl(),
      }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { text: string }).text).toMatch(/not the one Outpost is installed in/);
    expect(await linkOf(victim.id)).toMatchObject({ slackUserId: own });
    expect(h.fake.calls.filter((c) => c.method === 'users.info')).toEqual([]);
    expect(await auditOf(victim.id, 'slack.link_requested')).toEqual([]);
  });

  it('a second Slack user of the same workspace with the same e-mail only asks; the portal confirms the move', async () => {
    const email = `moving.${Date.now()}@insurer.test`;
    const staff = await createStaff(h.conn.db, { name: 'Moving Staff', email });
    const first = uniqueSlackId();
    await linkStaff(h.conn.db, staff.id, first);
    const second = uniqueSlackId();
    h.fake.addUser({ id: second, email });

    await h.post(slashCommandBody({ user: { id: second }, text: 'link', responseUrl: h.fake.responseUrl() }));
    const reply = await h.fake.waitForCall((c) => c.method === 'response_url');
    expect(String(reply.args.text)).toMatch(/confirm it on your account page/);
    // Nothing moved yet; the request is recorded and audited.
    expect(await linkOf(staff.id)).toMatchObject({ slackUserId: first });
    const request = await pendingSlackLinkRequest(h.conn.db, staff.id);
    expect(request).toMatchObject({ slackUserId: second, slackTeamId: 'T0OUTPOST' });
    expect(await auditOf(staff.id, 'slack.link_requested')).toHaveLength(1);

    // Only the staff member themselves can confirm it.
    const other = await createStaff(h.conn.db, { name: 'Someone Else' });
    const someoneElse = (await personById(h.conn.db, other.id))!;
    await expect(
      resolveSlackLinkRequest(h.conn.db, someoneElse.actor, { requestId: request!.id, confirm: true }),
    ).rejects.toMatchObject({ code: 'not_found' });

    const person = (await personById(h.conn.db, staff.id))!;
    await resolveSlackLinkRequest(h.conn.db, person.actor, { requestId: request!.id, confirm: true });
    expect(await linkOf(staff.id)).toMatchObject({ slackUserId: second, linkedVia: 'portal' });
    expect(await pendingSlackLinkRequest(h.conn.db, staff.id)).toBeNull();
    const moved = await auditOf(staff.id, 'slack.linked');
    expect(moved.at(-1)?.data).toMatchObject({
      slackUserId: second,
      previousSlackUserId: first,
      via: 'portal',
    });
  });

  it('a declined request leaves the link as it was', async () => {
    const email = `declining.${Date.now()}@insurer.test`;
    const staff = await createStaff(h.conn.db, { name: 'Declining Staff', email });
    const first = uniqueSlackId();
    await linkStaff(h.conn.db, staff.id, first);
    const second = uniqueSlackId();
    h.fake.addUser({ id: second, email });
    await h.post(slashCommandBody({ user: { id: second }, text: 'link', responseUrl: h.fake.responseUrl() }));
    await h.fake.waitForCall((c) => c.method === 'response_url');
    const request = (await pendingSlackLinkRequest(h.conn.db, staff.id))!;
    const person = (await personById(h.conn.db, staff.id))!;
    await resolveSlackLinkRequest(h.conn.db, person.actor, { requestId: request.id, confirm: false });
    expect(await linkOf(staff.id)).toMatchObject({ slackUserId: first });
    expect(await auditOf(staff.id, 'slack.link_request_declined')).toHaveLength(1);
    await expect(
      resolveSlackLinkRequest(h.conn.db, person.actor, { requestId: request.id, confirm: true }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
