/**
 * Slack committee-vote clicks: ack latency and memory of Outpost's /slack/events handler
 * (vote stored before the ack, refreshes coalesced in the outbox) against a bare Bolt
 * app that only acks, both behind the same signature-checking HTTP handler, in one run.
 * Not a test: it prints figures. `node bench/slack-clicks.ts [--clicks 3000] [--concurrency 50]`
 */
import { performance } from 'node:perf_hooks';
import { committeeOutboxKinds, createSlackEventsHandler, createSlackGateway } from '@outpost/bot';
import {
  buttonClickPayload,
  committeeStageApplication,
  interactionBody,
  slackRequest,
  startFakeSlackApi,
} from '@outpost/bot/testing';
import { deliverDueOutbox, linkSlackUser, systemActor } from '@outpost/core';
import { makeStaff } from '@outpost/core/testing';
import { createTestDatabase } from '@outpost/db/testing';
import { App, type Receiver } from '@slack/bolt';
import { createEventsHandler } from '../apps/bot/src/http/events-handler.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CLICKS = arg('clicks', 3000);
const CONCURRENCY = arg('concurrency', 50);
const SECRET = 'bench-signing-secret-0123456789';
const TOKEN = 'xoxb-bench';
const PUBLIC_URL = 'https://outpost.bench';

const conn = await createTestDatabase();
const fake = await startFakeSlackApi({ token: TOKEN });
const slack = createSlackGateway({ token: TOKEN, apiUrl: fake.apiUrl });

// Four committee members, linked, each with a ballot on one of four applications.
const members: { id: string; slackUserId: string }[] = [];
for (let i = 0; i < 4; i++) {
  const { user } = await makeStaff(conn.db, ['committee']);
  const slackUserId = `UBENCH${i}`;
  await linkSlackUser(conn.db, systemActor('bench'), {
    userId: user.id,
    slackUserId,
    slackTeamId: 'T0OUTPOST',
    via: 'portal',
  });
  members.push({ id: user.id, slackUserId });
}
const applications = [];
for (let i = 0; i < 4; i++)
  applications.push((await committeeStageApplication(conn.db, { legalName: `Bench ${i} Ltd` })).application);
await deliverDueOutbox(conn.db, slack, {
  publicUrl: PUBLIC_URL,
  kinds: committeeOutboxKinds,
  batchSize: 100,
  now: new Date(Date.now() + 2000),
});
const ballots = await conn.db.query.committeeMessages.findMany();

function requests() {
  return Array.from({ length: CLICKS }, (_, i) => {
    const ballot = ballots[i % ballots.length]!;
    const member = members.find((m) => m.id === ballot.memberId)!;
    const payload = buttonClickPayload({
      user: { id: member.slackUserId },
      actionId: 'committee_vote_approve',
      value: ballot.applicationId,
      message: { channel: ballot.channel, ts: ballot.ts },
      responseUrl: fake.responseUrl(),
    });
    return slackRequest({ secret: SECRET, ...interactionBody(payload) });
  });
}

async function run(label: string, handle: (r: Request) => Promise<Response>) {
  const batch = requests();
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < batch.length; i += CONCURRENCY) {
    await Promise.all(
      batch.slice(i, i + CONCURRENCY).map(async (request) => {
        const t = performance.now();
        const response = await handle(request);
        latencies.push(performance.now() - t);
        if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status}`);
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  const result = {
    p50: pct(0.5),
    p99: pct(0.99),
    perSecond: CLICKS / seconds,
    rssMb: (process.memoryUsage().rss - rssBefore) / 2 ** 20,
  };
  console.log(
    `${label.padEnd(10)} ${CLICKS} clicks: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.perSecond.toFixed(0)} clicks/s, RSS +${result.rssMb.toFixed(0)} MB`,
  );
  return result;
}

const detached: Receiver = { init() {}, start: async () => undefined, stop: async () => undefined };
const bare = new App({ receiver: detached, authorize: async () => ({}), convoStore: false });
bare.action(/.*/, async ({ ack }) => {
  await ack();
});
const deps = { db: conn.db, signingSecret: SECRET, slack, publicUrl: PUBLIC_URL, teamId: 'T0OUTPOST' };
const baseline = await run('bare Bolt', createEventsHandler(bare, deps));
const outpost = await run('Outpost', createSlackEventsHandler(deps));

// Let the refresher finish, then count what reached Slack.
await new Promise((r) => setTimeout(r, 3000));
const updates = fake.calls.filter((c) => c.method === 'chat.update').length;
const votes = await conn.db.query.committeeVotes.findMany();
console.log(
  `Outpost / bare: p99 ×${(outpost.p99 / baseline.p99).toFixed(2)}, throughput ×${(outpost.perSecond / baseline.perSecond).toFixed(2)}; ${votes.length} votes stored, ${updates} chat.update calls for ${CLICKS} clicks on ${ballots.length} messages`,
);
await fake.close();
await conn.close();
