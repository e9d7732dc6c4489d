/**
 * Risk alerts to Slack (issue 12, decision 034): 200 alerts raised within a second reach a fake
 * Slack that enforces one chat.postMessage per second per channel, with 429s (Retry-After)
 * injected for the first moments of the run as well. Outpost (posts paced per channel, a burst
 * grouped into one digest per channel) against a baseline in the same run (the same outbox,
 * one message per alert, no pacing, no digest — 429s answered only by the outbox's Retry-After
 * handling). Prints, for each: alerts lost and duplicated (both must be 0), messages, 429s,
 * time until every alert was in Slack, and the ratios.
 * Not a test: it prints figures. `node bench/risk-slack.ts [--alerts 200] [--interval-ms 1000] [--inject-ms 1500]`
 */
import { performance } from 'node:perf_hooks';
import { committeeOutboxKinds, createSlackGateway, riskSlackPacing } from '@outpost/bot';
import { type FakeSlackApi, startFakeSlackApi } from '@outpost/bot/testing';
import { deliverDueOutbox, evaluateRiskRules, RISK_SLACK_CHANNELS, saveRiskRule } from '@outpost/core';
import { makeStaff, validCreditCode } from '@outpost/core/testing';
import { blacklistEntries, outbox, partners, riskAlertEvents, riskAlerts } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq, sql } from 'drizzle-orm';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ALERTS = arg('alerts', 200);
const INTERVAL_MS = arg('interval-ms', 1000);
const INJECT_MS = arg('inject-ms', 1500);
const TOKEN = 'xoxb-bench';
const PUBLIC_URL = 'https://outpost.bench';
const CHANNELS = {
  [RISK_SLACK_CHANNELS.notice]: 'C0NOTICE',
  [RISK_SLACK_CHANNELS.warning]: 'C0WARNING',
  [RISK_SLACK_CHANNELS.critical]: 'C0CRITICAL',
};
const levels = [
  ['notice', 'agency'],
  ['warning', 'claims'],
  ['critical', 'sales_channel'],
] as const;

interface RunResult {
  label: string;
  raiseMs: number;
  deliveredMs: number;
  messages: number;
  rateLimited: number;
  lost: number;
  duplicated: number;
}

async function run(label: string, pacing: { postSpacingMs: number; digestAt: number }, fake: FakeSlackApi) {
  Object.assign(riskSlackPacing, pacing);
  fake.reset();
  const conn = await createTestDatabase();
  const db = conn.db;
  const slack = createSlackGateway({ token: TOKEN, apiUrl: fake.apiUrl });
  const { actor } = await makeStaff(db, ['risk_officer']);
  for (const [level, category] of levels) {
    await saveRiskRule(db, actor, {
      kind: 'blacklist_hit',
      nameZh: `黑名单（${level}）`,
      nameEn: `Blacklist (${level})`,
      level,
      serviceCategories: [category],
      params: { clearAfterHours: 24 },
    });
  }
  // 200 active partners on the blacklist, spread over the three levels' categories.
  const rows = Array.from({ length: ALERTS }, (_, i) => ({
    legalName: `Bench partner ${i} Co., Ltd.`,
    creditCode: validCreditCode(),
    status: 'active' as const,
    serviceCategories: [levels[i % 3]![1]],
  }));
  const made = await db
    .insert(partners)
    .values(rows)
    .returning({ creditCode: partners.creditCode, legalName: partners.legalName });
  await db
    .insert(blacklistEntries)
    .values(made.map((p) => ({ creditCode: p.creditCode, name: p.legalName, reason: 'bench' })));

  const started = performance.now();
  const raised = await evaluateRiskRules(db, { kinds: ['blacklist_hit'] });
  const raiseMs = performance.now() - started;
  if (raised.raised !== ALERTS) throw new Error(`expected ${ALERTS} alerts, raised ${raised.raised}`);

  // Slack pushes back at first (injected 429s), then enforces 1 post / s / channel.
  fake.rateLimit(1);
  setTimeout(() => {
    void fake.recover().then(() => fake.limitPostsPerChannel(INTERVAL_MS));
  }, INJECT_MS).unref();

  // The worker's loop: a pass, and at once another while something was claimed.
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const report = await deliverDueOutbox(db, slack, {
      publicUrl: PUBLIC_URL,
      kinds: committeeOutboxKinds,
      channels: CHANNELS,
      batchSize: 50,
    });
    const [{ pending }] = (await db
      .select({ pending: sql<number>`count(*)::int` })
      .from(outbox)
      .where(eq(outbox.status, 'pending'))) as [{ pending: number }];
    if (pending === 0) break;
    if (Date.now() > deadline) throw new Error(`${label}: ${pending} rows still pending after 10 minutes`);
    if (report.claimed === 0 || report.rateLimitedForSeconds !== undefined)
      await new Promise((r) => setTimeout(r, 100));
  }
  const deliveredMs = performance.now() - started;

  // Delivered = the alert's timeline names a Slack message (its own card, or the digest that
  // listed it) and Slack holds that message. Lost: none; duplicated: more than one.
  const alerts = await db.select({ id: riskAlerts.id }).from(riskAlerts);
  const posted = await db
    .select({ alertId: riskAlertEvents.alertId, data: riskAlertEvents.data })
    .from(riskAlertEvents)
    .where(eq(riskAlertEvents.kind, 'slack_posted'));
  const messagesOf = new Map<string, Set<string>>();
  for (const e of posted) {
    const key = `${e.data.channel}/${e.data.ts}`;
    if (!fake.messages.has(key)) continue;
    messagesOf.set(e.alertId, (messagesOf.get(e.alertId) ?? new Set()).add(key));
  }
  let lost = 0;
  let duplicated = 0;
  for (const { id } of alerts) {
    const seen = messagesOf.get(id)?.size ?? 0;
    if (seen === 0) lost++;
    if (seen > 1) duplicated++;
  }
  // Every message Slack holds was sent once, for alerts of its own channel only.
  const digests = [...fake.messages.values()].filter((m) => /new risk alerts/.test(m.text));
  const listed = digests.reduce((sum, m) => sum + Number(/(\d+) new risk alerts/.exec(m.text)?.[1] ?? 0), 0);
  const singles = fake.messages.size - digests.length;
  if (listed + singles !== ALERTS)
    throw new Error(`${label}: messages account for ${listed + singles} alerts, not ${ALERTS}`);
  const result: RunResult = {
    label,
    raiseMs,
    deliveredMs,
    messages: fake.succeeded('chat.postMessage').length,
    rateLimited: fake.calls.filter((c) => c.status === 429).length,
    lost,
    duplicated,
  };
  await conn.close();
  return result;
}

const fake = await startFakeSlackApi({ token: TOKEN });
{
  // Warm-up (not printed): the first database and evaluation of a process pay for compiling.
  const conn = await createTestDatabase();
  const { actor } = await makeStaff(conn.db, ['risk_officer']);
  await saveRiskRule(conn.db, actor, {
    kind: 'blacklist_hit',
    nameZh: '预热',
    nameEn: 'Warm-up',
    level: 'notice',
    serviceCategories: ['agency'],
    params: { clearAfterHours: 24 },
  });
  const warm = await conn.db
    .insert(partners)
    .values(
      Array.from({ length: 20 }, (_, i) => ({
        legalName: `Warm ${i}`,
        creditCode: validCreditCode(),
        status: 'active' as const,
        serviceCategories: ['agency' as const],
      })),
    )
    .returning();
  await conn.db
    .insert(blacklistEntries)
    .values(warm.map((p) => ({ creditCode: p.creditCode, name: p.legalName, reason: 'warm' })));
  await evaluateRiskRules(conn.db, { kinds: ['blacklist_hit'] });
  await conn.close();
}
const outpost = await run('outpost (paced, digest)', { postSpacingMs: INTERVAL_MS, digestAt: 6 }, fake);
const baseline = await run(
  'baseline (1 msg/alert)',
  { postSpacingMs: 0, digestAt: Number.POSITIVE_INFINITY },
  fake,
);
await fake.close();

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(
  `\n${ALERTS} alerts, fake Slack: 1 post / ${INTERVAL_MS} ms / channel, 429 for the first ${INJECT_MS} ms (3 channels)\n`,
);
console.log(
  `${'run'.padEnd(26)}${pad('raise ms', 10)}${pad('all in Slack ms', 17)}${pad('messages', 10)}${pad('429s', 7)}${pad('lost', 6)}${pad('dup', 5)}`,
);
for (const r of [outpost, baseline]) {
  console.log(
    `${r.label.padEnd(26)}${pad(r.raiseMs.toFixed(0), 10)}${pad(r.deliveredMs.toFixed(0), 17)}${pad(r.messages, 10)}${pad(r.rateLimited, 7)}${pad(r.lost, 6)}${pad(r.duplicated, 5)}`,
  );
}
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00' : '∞') : (a / b).toFixed(2));
console.log(
  `\noutpost / baseline: time ${ratio(outpost.deliveredMs, baseline.deliveredMs)}, messages ${ratio(outpost.messages, baseline.messages)}, 429s ${ratio(outpost.rateLimited, baseline.rateLimited)}`,
);
if (outpost.lost || outpost.duplicated || baseline.lost || baseline.duplicated) {
  console.error('FAIL: alerts lost or duplicated');
  process.exitCode = 1;
}
