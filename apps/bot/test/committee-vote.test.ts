import { applications, auditLog } from '@outpost/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMITTEE_REJECT_CALLBACK_ID } from '../src/index.ts';
import { buttonClickPayload, interactionBody, viewSubmissionPayload } from '../src/testing/index.ts';
import {
  appointCommittee,
  ballotOf,
  clickVote,
  expectNoButtons,
  openVoting,
  repliesTo,
  votesOf,
} from './committee-support.ts';
import { createStaff, linkStaff, uniqueSlackId } from './fixtures.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
let committee: Awaited<ReturnType<typeof appointCommittee>>;
beforeAll(async () => {
  h = await startHarness();
  committee = await appointCommittee(h);
});
afterAll(() => h.close());
beforeEach(() => h.fake.reset());

type Linked = { id: string; slackUserId: string };

/** A member clicks on their own ballot; resolves once the listener has updated the message. */
async function vote(
  member: Linked,
  applicationId: string,
  choice: 'approve' | 'abstain',
  headers?: Record<string, string>,
) {
  const message = await ballotOf(h, applicationId, member.id);
  const updatesBefore = message.updates;
  const responseUrl = h.fake.responseUrl();
  const response = await clickVote(h, {
    slackUserId: member.slackUserId,
    vote: choice,
    applicationId,
    message,
    responseUrl,
    ...(headers ? { headers } : {}),
  });
  expect(response.status).toBe(200);
  await until(() => message.updates > updatesBefore || repliesTo(h, responseUrl).length > 0);
  return { message, responseUrl };
}

/** Clicks as someone and waits for the ephemeral answer. */
async function refusedClick(
  slackUserId: string,
  applicationId: string,
  message: { channel: string; ts: string },
) {
  const responseUrl = h.fake.responseUrl();
  const response = await clickVote(h, { slackUserId, vote: 'approve', applicationId, message, responseUrl });
  expect(response.status).toBe(200);
  const reply = await h.fake.waitForCall((c) => c.method === 'response_url' && responseUrl.endsWith(c.path));
  expect(reply.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  return String(reply.args.text);
}

async function until(condition: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const statusOf = async (applicationId: string) =>
  (await h.conn.db.select().from(applications).where(eq(applications.id, applicationId)))[0]!.status;

describe('voting from the Slack ballot', () => {
  it('Approve stores the vote and replaces the buttons with the vote and the running tally', async () => {
    const { application } = await openVoting(h);
    const { message } = await vote(committee.ma, application.id, 'approve');

    expect(await votesOf(h, application.id)).toMatchObject([
      { memberId: committee.ma.id, vote: 'approve', via: 'slack', reason: null },
    ]);
    expectNoButtons(message);
    expect(message.text).toContain('You voted: Approve.');
    expect(JSON.stringify(message.blocks)).toContain(
      'Approve 1 · Reject 0 · Abstain 0 — 1 of 4 members voted (quorum 2)',
    );
    const audit = await h.conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, 'committee.voted')));
    expect(audit).toMatchObject([{ actorId: committee.ma.id, actorType: 'slack' }]);
  });

  it('Reject opens a modal for the reason; a blank reason is refused on the field, a real one is recorded', async () => {
    const { application } = await openVoting(h);
    const message = await ballotOf(h, application.id, committee.li.id);
    const actions = message.blocks.find((b) => (b as { type: string }).type === 'actions') as {
      block_id: string;
    };
    const responseUrl = h.fake.responseUrl();
    const click = buttonClickPayload({
      user: { id: committee.li.slackUserId },
      actionId: 'committee_vote_reject',
      value: application.id,
      message,
      responseUrl,
    });
    (click.actions as { block_id: string }[])[0]!.block_id = actions.block_id;
    const callsBefore = h.fake.calls.length;
    expect((await h.post(interactionBody(click))).status).toBe(200);

    const opened = await h.fake.waitForCall((c) => c.method === 'views.open');
    expect(opened.ok).toBe(true);
    expect(opened.args.trigger_id).toBe(click.trigger_id);
    const modal = opened.args.view as Record<string, unknown>;
    // In the language of the ballot that was clicked, opened before anything else was looked up.
    expect(modal).toMatchObject({
      type: 'modal',
      callback_id: COMMITTEE_REJECT_CALLBACK_ID,
      title: { text: '否决申请' },
    });
    expect(h.fake.calls.slice(callsBefore).map((c) => c.method)).toEqual(['views.open']);

    const submit = (reason: string | null) =>
      h.post(
        interactionBody(
          viewSubmissionPayload({
            user: { id: committee.li.slackUserId },
            view: modal,
            values: { reason: { reason_input: reason } },
          }),
        ),
      );

    for (const blank of [null, '   ', 'no']) {
      const refused = await submit(blank);
      expect(refused.status).toBe(200);
      expect(await refused.json()).toEqual({
        response_action: 'errors',
        errors: { reason: '请填写 3 至 2000 字的理由。' },
      });
    }
    expect(await votesOf(h, application.id)).toEqual([]);

    const accepted = await submit('  Financial statements are unaudited.  ');
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe(''); // closes the modal
    await until(() => message.updates > 0);
    expect(await votesOf(h, application.id)).toMatchObject([
      {
        memberId: committee.li.id,
        vote: 'reject',
        reason: 'Financial statements are unaudited.',
        via: 'slack',
      },
    ]);
    expectNoButtons(message);
    expect(message.text).toContain('您已投票：反对。');
    expect(repliesTo(h, responseUrl)).toEqual([]);
  });

  it('two approvals decide it; after the worker delivers, every member sees the outcome', async () => {
    const { application } = await openVoting(h);
    await vote(committee.li, application.id, 'approve');
    const { message: deciding } = await vote(committee.ma, application.id, 'approve');
    expect(await statusOf(application.id)).toBe('approved');
    // The deciding click shows the outcome at once …
    expectNoButtons(deciding);
    expect(deciding.text).toContain('The committee approved this application. You voted: Approve.');

    // … and core queued a refresh of every member's message, which the worker delivers
    // (or this process's refresher, which may hold some of the rows: wait for those too).
    await h.deliverOutbox();
    const messages = await Promise.all(
      [committee.li, committee.ma, committee.chen].map((m) => ballotOf(h, application.id, m.id)),
    );
    // A member's own vote already removed their buttons; wait for the outcome itself.
    const decided = /approved this application|审批委员会已批准该申请/;
    await until(() => messages.every((m) => decided.test(m.text)));
    for (const message of messages) {
      expectNoButtons(message);
      expect(message.text).toMatch(decided);
    }
    const chen = await ballotOf(h, application.id, committee.chen.id);
    expect(JSON.stringify(chen.blocks)).toContain(
      'Approve 2 · Reject 0 · Abstain 0 — 2 of 4 members voted (quorum 2)',
    );
  });

  it('two members clicking at once: both votes count, exactly one decision', async () => {
    const { application } = await openVoting(h);
    h.fake.setLatency(20);
    await Promise.all([
      vote(committee.li, application.id, 'approve'),
      vote(committee.chen, application.id, 'approve'),
    ]);
    h.fake.setLatency(0);
    expect((await votesOf(h, application.id)).map((v) => v.memberId).sort()).toEqual(
      [committee.li.id, committee.chen.id].sort(),
    );
    const decisions = await h.conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, 'application.approved')));
    expect(decisions).toHaveLength(1);
    await h.deliverOutbox();
    // Rows this process's refresher holds are not the worker's to take: wait for them too.
    const messages = await Promise.all(
      [committee.li, committee.chen, committee.ma].map((m) => ballotOf(h, application.id, m.id)),
    );
    await until(() => messages.every((m) => !JSON.stringify(m.blocks).includes('"type":"actions"')));
    for (const message of messages) expectNoButtons(message);
  });

  it('the same click twice, and Slack redelivering it, leave one vote and no error', async () => {
    const { application } = await openVoting(h);
    const message = await ballotOf(h, application.id, committee.chen.id);
    const first = h.fake.responseUrl();
    const retry = h.fake.responseUrl();
    const again = h.fake.responseUrl();
    const click = buttonClickPayload({
      user: { id: committee.chen.slackUserId },
      actionId: 'committee_vote_abstain',
      value: application.id,
      message,
      responseUrl: first,
    });
    // A double click (two requests at once), then Slack's retry of the first one.
    const [a, b] = await Promise.all([
      h.post(interactionBody(click)),
      h.post(interactionBody({ ...click, response_url: again })),
    ]);
    const c = await h.post({
      ...interactionBody({ ...click, response_url: retry }),
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    await until(() => message.updates >= 1);
    await h.deliverOutbox(); // whatever else was queued, delivered now
    // The repeats were answered without a Slack call of their own: one redraw of the message.
    expect(
      h.fake.calls.filter((call) => call.method === 'chat.update' && call.args.ts === message.ts),
    ).toHaveLength(1);

    expect(await votesOf(h, application.id)).toMatchObject([
      { memberId: committee.chen.id, vote: 'abstain' },
    ]);
    const audit = await h.conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, application.id), eq(auditLog.action, 'committee.voted')));
    expect(audit).toHaveLength(1);
    // Each answer is the message with their vote, never "you have already voted".
    expect([...repliesTo(h, first), ...repliesTo(h, retry), ...repliesTo(h, again)]).toEqual([]);
    expect(message.text).toContain('You voted: Abstain.');
  });

  it('a different vote after voting is refused with an explanation and changes nothing', async () => {
    const { application } = await openVoting(h);
    await vote(committee.ma, application.id, 'abstain');
    const message = await ballotOf(h, application.id, committee.ma.id);
    const updates = message.updates;
    expect(await refusedClick(committee.ma.slackUserId, application.id, message)).toBe(
      'You have already voted on this application.',
    );
    expect(await votesOf(h, application.id)).toMatchObject([{ memberId: committee.ma.id, vote: 'abstain' }]);
    expect(message.updates).toBe(updates);
  });

  it('a non-member is told so in their language; no vote is stored', async () => {
    const { application } = await openVoting(h);
    const reviewer = await createStaff(h.conn.db, { name: 'Wu Ping', locale: 'zh-CN', roles: ['reviewer'] });
    const slackUserId = uniqueSlackId();
    await linkStaff(h.conn.db, reviewer.id, slackUserId);
    const message = await ballotOf(h, application.id, committee.li.id);
    expect(await refusedClick(slackUserId, application.id, message)).toBe('您不是该申请审批委员会的委员。');
    expect(await votesOf(h, application.id)).toEqual([]);
    expect(message.updates).toBe(0);
  });

  it('a vote after the decision is refused with an explanation; nothing changes', async () => {
    const { application } = await openVoting(h);
    await vote(committee.li, application.id, 'approve');
    await vote(committee.ma, application.id, 'approve');
    const message = await ballotOf(h, application.id, committee.chen.id);
    // The decision redraws every member's message once (the worker, or this process soon after).
    await until(() => message.updates >= 1);
    const updates = message.updates;
    expect(await refusedClick(committee.chen.slackUserId, application.id, message)).toBe(
      'The committee has already decided this application.',
    );
    expect((await votesOf(h, application.id)).map((v) => v.memberId)).not.toContain(committee.chen.id);
    await h.deliverOutbox();
    expect(message.updates).toBe(updates); // the refused click itself redrew nothing
    expect(await statusOf(application.id)).toBe('approved');
  });

  it('an unlinked Slack user is told how to link; no vote is stored', async () => {
    const { application } = await openVoting(h);
    const stranger = uniqueSlackId();
    h.fake.addUser({ id: stranger, email: 'someone@elsewhere.test', locale: 'en-US' });
    const message = await ballotOf(h, application.id, committee.li.id);
    expect(await refusedClick(stranger, application.id, message)).toMatch(
      /not linked to Outpost.*https:\/\/outpost\.example\/account/s,
    );
    expect(await votesOf(h, application.id)).toEqual([]);
  });

  it('a refused reject (not a member) arrives as an ephemeral answer after the modal closes', async () => {
    const { application } = await openVoting(h);
    const reviewer = await createStaff(h.conn.db, { name: 'He Yun', locale: 'en', roles: ['reviewer'] });
    const slackUserId = uniqueSlackId();
    await linkStaff(h.conn.db, reviewer.id, slackUserId);
    const message = await ballotOf(h, application.id, committee.ma.id);
    const responseUrl = h.fake.responseUrl();
    await h.post(
      interactionBody(
        buttonClickPayload({
          user: { id: slackUserId },
          actionId: 'committee_vote_reject',
          value: application.id,
          message,
          responseUrl,
        }),
      ),
    );
    const opened = await h.fake.waitForCall((c) => c.method === 'views.open');
    const submitted = await h.post(
      interactionBody(
        viewSubmissionPayload({
          user: { id: slackUserId },
          view: opened.args.view as Record<string, unknown>,
          values: { reason: { reason_input: 'I think this is risky.' } },
        }),
      ),
    );
    expect(submitted.status).toBe(200);
    const reply = await h.fake.waitForCall(
      (c) => c.method === 'response_url' && responseUrl.endsWith(c.path),
    );
    expect(reply.args.text).toBe('You are not a member of the committee for this application.');
    expect(await votesOf(h, application.id)).toEqual([]);
  });
});
