import { castVote, personById } from '@outpost/core';
import { outbox } from '@outpost/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMITTEE_VOTE_ACTION_IDS as ACTION_IDS } from '../src/index.ts';
import { committeeStageApplication } from '../src/testing/index.ts';
import {
  appointCommittee,
  ballotOf,
  blockTypes,
  committeeMessagesOf,
  expectNoButtons,
  openVoting,
} from './committee-support.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
let committee: Awaited<ReturnType<typeof appointCommittee>>;
beforeAll(async () => {
  h = await startHarness();
  committee = await appointCommittee(h);
});
afterAll(() => h.close());
beforeEach(() => h.fake.reset());

const actor = async (memberId: string) => (await personById(h.conn.db, memberId, 'web'))!.actor;

describe('committee ballots delivered to Slack', () => {
  it('reach each linked member in their language with three vote buttons, and are recorded', async () => {
    const { application, report } = await openVoting(h, {
      legalName: '远景理赔服务有限公司',
      thirdParty: { assessor: 'Dagong Credit', score: 81 },
    });
    expect(report.sent).toBeGreaterThanOrEqual(3);

    const li = await ballotOf(h, application.id, committee.li.id);
    expect(li.channel).toBe(`D${committee.li.slackUserId.slice(1)}`);
    expect(li.text).toBe('准入审批投票：远景理赔服务有限公司');
    const liJson = JSON.stringify(li.blocks);
    for (const expected of [
      '统一社会信用代码',
      '理赔',
      '77.5 / 100',
      '81 / 100（Dagong Credit）',
      '85 / 100（考察日期 2026年10月1日）',
      '90 / 100（2026年10月2日 至 2026年11月1日）',
    ])
      expect(liJson).toContain(expected);

    const ma = await ballotOf(h, application.id, committee.ma.id);
    expect(ma.text).toBe('Admission vote: 远景理赔服务有限公司');
    const actions = ma.blocks.find((b) => (b as { type: string }).type === 'actions') as {
      elements: Record<string, unknown>[];
    };
    expect(actions.elements).toMatchObject([
      { action_id: ACTION_IDS.approve, value: application.id, text: { text: 'Approve' }, style: 'primary' },
      { action_id: ACTION_IDS.reject, value: application.id, text: { text: 'Reject' }, style: 'danger' },
      { action_id: ACTION_IDS.abstain, value: application.id, text: { text: 'Abstain' } },
      { url: `https://outpost.example/s/applications/${application.id}`, text: { text: 'Open in Outpost' } },
    ]);
    expect(JSON.stringify(ma.blocks)).toContain('Claims handling');

    // One message per linked member, remembered for later refreshes; the unlinked member is skipped.
    const recorded = await committeeMessagesOf(h, application.id);
    expect(recorded.map((m) => m.memberId).sort()).toEqual(
      [committee.li.id, committee.ma.id, committee.chen.id].sort(),
    );
    const ballots = await h.conn.db.select().from(outbox).where(eq(outbox.channel, 'slack'));
    const unlinked = ballots.filter(
      (r) =>
        r.payload.kind === 'committee_ballot' &&
        r.payload.applicationId === application.id &&
        r.status === 'skipped',
    );
    expect(unlinked.map((r) => r.lastError)).toEqual(['member has no linked Slack user']);
  });

  it('shows "you voted" instead of buttons to a member who voted in the portal before delivery', async () => {
    const { application } = await committeeStageApplication(h.conn.db);
    await castVote(h.conn.db, await actor(committee.chen.id), {
      applicationId: application.id,
      vote: 'abstain',
    });
    await h.deliverOutbox();
    const chen = await ballotOf(h, application.id, committee.chen.id);
    expectNoButtons(chen);
    expect(chen.text).toContain('You voted: Abstain.');
    expect(JSON.stringify(chen.blocks)).toContain(
      'Approve 0 · Reject 0 · Abstain 1 — 1 of 4 members voted (quorum 2)',
    );
    expect(blockTypes(await ballotOf(h, application.id, committee.ma.id))).toContain('actions');
  });

  it('posts the outcome instead of a ballot when the committee decided before delivery', async () => {
    const { application } = await committeeStageApplication(h.conn.db);
    await castVote(h.conn.db, await actor(committee.li.id), {
      applicationId: application.id,
      vote: 'approve',
    });
    await castVote(h.conn.db, await actor(committee.unlinked.id), {
      applicationId: application.id,
      vote: 'approve',
    });
    await h.deliverOutbox();
    const ma = await ballotOf(h, application.id, committee.ma.id);
    expectNoButtons(ma);
    expect(ma.text).toContain('The committee approved this application.');
    const li = await ballotOf(h, application.id, committee.li.id);
    expect(li.text).toContain('审批委员会已批准该申请。 您已投票：同意。');
    expect(JSON.stringify(li.blocks)).toContain('同意 2 · 反对 0 · 弃权 0');
  });

  it("refreshes a member's message after a portal vote, from the current state", async () => {
    const { application } = await openVoting(h);
    const callsBefore = h.fake.calls.length;
    await castVote(h.conn.db, await actor(committee.ma.id), {
      applicationId: application.id,
      vote: 'approve',
    });
    await h.deliverOutbox();
    const updates = h.fake.calls.slice(callsBefore).filter((c) => c.method === 'chat.update' && c.ok);
    expect(updates).toHaveLength(1); // only the voter's message: the others still ask for a vote
    const ma = await ballotOf(h, application.id, committee.ma.id);
    expect(ma.updates).toBe(1);
    expectNoButtons(ma);
    expect(ma.text).toContain('You voted: Approve.');
  });
});
