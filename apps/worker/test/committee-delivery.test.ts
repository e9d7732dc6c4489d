import { createSlackGateway } from '@outpost/bot';
import { committeeStageApplication, type FakeSlackApi, startFakeSlackApi } from '@outpost/bot/testing';
import {
  castVote,
  invitePartner,
  personById,
  REVIEWERS_CHANNEL,
  SLACK_REFRESH_SPACING_MS,
} from '@outpost/core';
import { makeStaff, validCreditCode } from '@outpost/core/testing';
import { type DatabaseConnection, users } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { createSmtpMailer } from '@outpost/infra';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWorker } from '../src/index.ts';
import type { JobContext } from '../src/jobs/context.ts';
import { deliverOutbox } from '../src/jobs/outbox-deliver.ts';
import { BOT_TOKEN, linkedStaff, PUBLIC_URL } from './fixtures.ts';
import { startSmtpSink } from './smtp-sink.ts';

let conn: DatabaseConnection;
let fake: FakeSlackApi;
let context: JobContext;
let members: { user: { id: string }; slackUserId: string }[];

beforeAll(async () => {
  conn = await createTestDatabase();
  fake = await startFakeSlackApi({ token: BOT_TOKEN });
  context = {
    db: conn.db,
    slack: createSlackGateway({ token: BOT_TOKEN, apiUrl: fake.apiUrl }),
    publicUrl: PUBLIC_URL,
    slackChannels: { [REVIEWERS_CHANNEL]: 'C0REVIEWERS' },
  };
  members = [];
  for (const [name, locale] of [
    ['Li Wei', 'zh-CN'],
    ['Ma Lin', 'en'],
    ['Chen Jie', 'en'],
  ] as const) {
    const member = await linkedStaff(conn.db, { name, locale });
    await conn.db
      .update(users)
      .set({ staffRoles: ['committee'] })
      .where(eq(users.id, member.user.id));
    members.push(member);
  }
});
afterAll(async () => {
  await fake.close();
  await conn.close();
});
beforeEach(() => fake.reset());

const dmOf = (slackUserId: string) => `D${slackUserId.slice(1)}`;
const actorOf = async (userId: string) => (await personById(conn.db, userId))!.actor;
/** The worker's own pass, a moment later (the database clock stamped the rows). */
const pass = async () => {
  await new Promise((r) => setTimeout(r, 5));
  return deliverOutbox(context);
};

describe('committee messages through the worker', () => {
  it('posts the ballots, then turns every one into the outcome once the committee decides', async () => {
    const { application } = await committeeStageApplication(conn.db, { legalName: 'Acme Claims Ltd' });
    const first = await pass();
    expect(first.slack.dead).toBe(0);
    const ballots = fake
      .succeeded('chat.postMessage')
      .filter((c) => JSON.stringify(c.args.blocks).includes('committee_vote_approve'));
    expect(ballots.map((c) => c.args.channel).sort()).toEqual(members.map((m) => m.slackUserId).sort());
    const recorded = await conn.db.query.committeeMessages.findMany({
      where: (m, { eq }) => eq(m.applicationId, application.id),
    });
    expect(recorded.map((m) => m.channel).sort()).toEqual(members.map((m) => dmOf(m.slackUserId)).sort());

    await castVote(conn.db, await actorOf(members[0]!.user.id), {
      applicationId: application.id,
      vote: 'approve',
    });
    await castVote(conn.db, await actorOf(members[1]!.user.id), {
      applicationId: application.id,
      vote: 'approve',
      via: 'slack',
    });
    // Message refreshes are due a spacing after they were queued (at most one update per message per second).
    await new Promise((r) => setTimeout(r, SLACK_REFRESH_SPACING_MS + 50));
    const second = await pass();
    expect(second.slack.dead).toBe(0);

    for (const member of members) {
      const ref = recorded.find((r) => r.memberId === member.user.id)!;
      const message = fake.messages.get(`${ref.channel}/${ref.ts}`)!;
      expect(message.blocks.some((b) => (b as { type: string }).type === 'actions')).toBe(false);
      expect(message.text).toMatch(/approved this application|审批委员会已批准该申请/);
    }
    // The decision also reaches the reviewers' channel configured for this installation.
    const channelPosts = fake.succeeded('chat.postMessage').filter((c) => c.args.channel === 'C0REVIEWERS');
    expect(channelPosts.map((c) => String(c.args.text))).toContainEqual(
      expect.stringContaining('The committee approved Acme Claims Ltd (2 approve, 0 reject, 0 abstain).'),
    );
  });
});

describe('startWorker wiring', () => {
  it('sends reviewer-channel rows to reviewersChannel and e-mail through the mailer it is given', async () => {
    const smtp = await startSmtpSink();
    const worker = await startWorker({
      conn,
      slack: createSlackGateway({ token: BOT_TOKEN, apiUrl: fake.apiUrl }),
      mailer: createSmtpMailer({ smtpUrl: smtp.url, from: 'Outpost <no-reply@outpost.test>' }),
      publicUrl: PUBLIC_URL,
      reviewersChannel: 'C0REVIEWERS2',
      outboxPollMs: 100,
    });
    try {
      // Each stage change is announced in the reviewers' channel; an invitation is e-mailed.
      await committeeStageApplication(conn.db, { legalName: 'Wired Co Ltd' });
      await fake.waitForCall(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.ok &&
          c.args.channel === 'C0REVIEWERS2' &&
          String(c.args.text).includes('Wired Co Ltd'),
      );
      const reviewer = (await makeStaff(conn.db, ['reviewer'])).actor;
      await invitePartner(conn.db, reviewer, {
        legalName: 'Mail Co Ltd',
        creditCode: validCreditCode(),
        serviceCategories: ['it'],
        contactEmail: 'admin@mail-co.test',
      });
      const deadline = Date.now() + 5_000;
      // Other mail (the committee's decision to the applicant) may go out too; the invitation must.
      const invited = () => smtp.received.some((m) => m.to.includes('admin@mail-co.test'));
      while (!invited() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(smtp.received.map((m) => m.to)).toContainEqual(['admin@mail-co.test']);
    } finally {
      await worker.stop();
      await smtp.stop();
    }
  });
});
