import { MARK_READ_ACTION_ID, queueCommitteeRefresh } from '@outpost/core';
import { outbox } from '@outpost/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buttonClickPayload, interactionBody } from '../src/testing/index.ts';
import { appointCommittee, ballotOf, expectNoButtons, openVoting, votesOf } from './committee-support.ts';
import { createStaff, linkStaff, uniqueSlackId } from './fixtures.ts';
import { type Harness, startHarness } from './harness.ts';

/**
 * What Slack is told and what is stored: a click is acknowledged only once its change
 * (and the redraw of its message) is in the database. This process never redraws
 * anything here (inProcessRefresh: false) — exactly the state after a crash right after
 * the ack — so every redraw below comes from the durable outbox path the worker runs.
 */
let h: Harness;
let committee: Awaited<ReturnType<typeof appointCommittee>>;
beforeAll(async () => {
  h = await startHarness({ inProcessRefresh: false });
  committee = await appointCommittee(h);
});
afterAll(() => h.close());
beforeEach(() => h.fake.reset());

function approveClick(slackUserId: string, applicationId: string, message: { channel: string; ts: string }) {
  return buttonClickPayload({
    user: { id: slackUserId },
    actionId: 'committee_vote_approve',
    value: applicationId,
    message,
    responseUrl: h.fake.responseUrl(),
  });
}

/** Calls the clicks caused (auth.test is the one-time workspace check at the first request). */
/** The worker's passes: now, and once more later for rows a transient failure pushed back. */
async function workerPasses() {
  await h.deliverOutbox();
  await h.deliverOutbox(10 * 60_000);
}

const slackCalls = (since: number) => h.fake.calls.slice(since).filter((c) => c.method !== 'auth.test');
const updatesOf = (ts: string) =>
  h.fake.calls.filter((c) => c.method === 'chat.update' && c.args.ts === ts && c.ok);

describe('Slack clicks are stored before they are acknowledged', () => {
  it("a click's vote is in the database when the ack returns; the outbox redraws the message after a crash", async () => {
    const { application } = await openVoting(h);
    const message = await ballotOf(h, application.id, committee.ma.id);
    const response = await h.post(
      interactionBody(approveClick(committee.ma.slackUserId, application.id, message)),
    );
    expect(response.status).toBe(200);
    // Nothing awaited in between: the vote was stored before the answer.
    expect(await votesOf(h, application.id)).toMatchObject([{ memberId: committee.ma.id, vote: 'approve' }]);
    // The process "died" after the ack: no redraw happened, but one is queued durably.
    expect(message.updates).toBe(0);
    const queued = await h.conn.db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.target, message.channel),
          sql`${outbox.payload}->>'ts' = ${message.ts}`,
          eq(outbox.status, 'pending'),
        ),
      );
    expect(queued).toHaveLength(1);

    await workerPasses();
    expect(message.updates).toBe(1);
    expectNoButtons(message);
    expect(message.text).toContain('You voted: Approve.');
  });

  it('50 duplicate clicks: one vote, no Slack call for the repeats, one redraw of the message', async () => {
    const { application } = await openVoting(h);
    const message = await ballotOf(h, application.id, committee.chen.id);
    const start = h.fake.calls.length;
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        h.post(interactionBody(approveClick(committee.chen.slackUserId, application.id, message))),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(await votesOf(h, application.id)).toHaveLength(1);
    // Repeats were answered without any Slack call (no ephemeral reply, no update).
    expect(slackCalls(start).map((c) => c.method)).toEqual([]);
    await workerPasses();
    expect(updatesOf(message.ts)).toHaveLength(1);
  });

  it('refreshes of one message coalesce: the latest state wins, and a new one waits a second after a claim', async () => {
    const { application } = await openVoting(h);
    const message = await ballotOf(h, application.id, committee.li.id);
    for (let i = 0; i < 20; i++) {
      await h.conn.db.transaction((tx) => queueCommitteeRefresh(tx, application.id, [committee.li.id]));
    }
    const pending = () =>
      h.conn.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), sql`${outbox.payload}->>'ts' = ${message.ts}`));
    expect(await pending()).toHaveLength(1);
    const [first] = await pending();
    // Due no sooner than a second after it was queued: updates of a message are spaced.
    expect(first!.nextAttemptAt.getTime() - first!.createdAt.getTime()).toBeGreaterThanOrEqual(900);

    await workerPasses();
    expect(updatesOf(message.ts)).toHaveLength(1);
    // Once delivered (claimed), a later change queues a row of its own — again spaced.
    await h.conn.db.transaction((tx) => queueCommitteeRefresh(tx, application.id, [committee.li.id]));
    const [next] = await pending();
    expect(next!.coalesceKey).toBe(`slack-message:${message.channel}:${message.ts}`);
    expect(next!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('"Mark as read" is stored before the ack; repeats call Slack for nothing; the outbox redraws it', async () => {
    const reader = await createStaff(h.conn.db, { name: 'Wang Fang', locale: 'en' });
    const slackUserId = uniqueSlackId();
    await linkStaff(h.conn.db, reader.id, slackUserId);
    const delivered = await h.deliverNotification(reader.id);
    const start = h.fake.calls.length;
    const click = () =>
      h.post(
        interactionBody(
          buttonClickPayload({
            user: { id: slackUserId },
            actionId: MARK_READ_ACTION_ID,
            value: delivered.notificationId,
            message: { channel: delivered.channel, ts: delivered.ts },
            responseUrl: h.fake.responseUrl(),
          }),
        ),
      );
    const responses = await Promise.all(Array.from({ length: 10 }, click));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect((await h.notification(delivered.notificationId))!.readAt).toBeInstanceOf(Date);
    expect(slackCalls(start).map((c) => c.method)).toEqual([]);
    const audit = await h.conn.db.query.auditLog.findMany({
      where: (a, { and, eq }) =>
        and(eq(a.entityId, delivered.notificationId), eq(a.action, 'notification.read')),
    });
    expect(audit).toHaveLength(1);

    await workerPasses();
    expect(updatesOf(delivered.ts)).toHaveLength(1);
    const message = h.fake.messages.get(`${delivered.channel}/${delivered.ts}`)!;
    expect(JSON.stringify(message.blocks)).toContain('Marked as read by Wang Fang');
    expect(message.blocks.some((b) => (b as { type: string }).type === 'actions')).toBe(false);
  });
});
