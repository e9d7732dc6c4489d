import { createSlackGateway } from '@outpost/bot';
import { type FakeSlackApi, startFakeSlackApi } from '@outpost/bot/testing';
import {
  deliverDueOutbox,
  MARK_READ_ACTION_ID,
  notify,
  outboxPolicy,
  REVIEWERS_CHANNEL,
  type SlackOutboxKind,
} from '@outpost/core';
import { type DatabaseConnection, notifications, outbox, slackLinks } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, linkedStaff, notifyPartnerCreated, plus, PUBLIC_URL, soon } from './fixtures.ts';

let conn: DatabaseConnection;
let fake: FakeSlackApi;
let slack: ReturnType<typeof createSlackGateway>;

beforeAll(async () => {
  conn = await createTestDatabase();
  fake = await startFakeSlackApi({ token: BOT_TOKEN });
  slack = createSlackGateway({ token: BOT_TOKEN, apiUrl: fake.apiUrl, timeoutMs: 2_000 });
});
afterAll(async () => {
  await fake.close();
  await conn.close();
});
beforeEach(async () => {
  fake.reset();
  // Each test starts from an empty outbox so its counts are its own.
  await conn.db.delete(outbox);
});

const deliver = (now: Date, batchSize = 20) =>
  deliverDueOutbox(conn.db, slack, { publicUrl: PUBLIC_URL, now, batchSize });
const rowsFor = (notificationIds: string[]) =>
  conn.db.select().from(outbox).where(inArray(outbox.notificationId, notificationIds));
const postsOf = (notificationId: string) =>
  fake.succeeded('chat.postMessage').filter((c) => JSON.stringify(c.args.blocks).includes(notificationId));

describe('outbox delivery to Slack', () => {
  it("shows a calendar day in the recipient's language, not as ISO", async () => {
    const { user: zh } = await linkedStaff(conn.db, { name: 'Li Na', locale: 'zh-CN' });
    const { user: en } = await linkedStaff(conn.db, { name: 'Ann Lee', locale: 'en' });
    const ids = await conn.db.transaction((tx) =>
      notify(tx, {
        userIds: [zh.id, en.id],
        template: 'notify.document_expiring',
        params: { requirement: '营业执照', requirementEn: 'Business licence', date: '2026-12-12', days: 6 },
        link: '/p/documents',
      }),
    );
    expect(await deliver(soon())).toMatchObject({ sent: 2 });
    const texts = ids.map((id) => postsOf(id)[0]!.args.text as string);
    expect(new Set(texts)).toEqual(
      new Set([
        '您的资料“营业执照”将于 2026年12月12日 到期（还有 6 天），请上传有效版本。',
        'Your document “Business licence” expires on Dec 12, 2026 (in 6 days). Upload a current one.',
      ]),
    );
  });

  it("sends a DM in the recipient's language with both buttons, once", async () => {
    const { user, slackUserId } = await linkedStaff(conn.db, { name: 'Li Na', locale: 'zh-CN' });
    const [id] = await notifyPartnerCreated(conn.db, [user.id], 'Acme <!channel> & Co');
    const report = await deliver(soon());
    expect(report).toMatchObject({ claimed: 1, sent: 1 });

    const [post] = postsOf(id!);
    expect(post!.args.channel).toBe(slackUserId);
    // Partner-supplied text cannot mention @channel or fake a link.
    expect(post!.args.text).toBe('合作伙伴 Acme &lt;!channel&gt; &amp; Co（91310000MA1FL8XQ3N）已登记。');
    const actions = (post!.args.blocks as { type: string; elements?: Record<string, unknown>[] }[]).find(
      (b) => b.type === 'actions',
    )!;
    expect(actions.elements).toMatchObject([
      { url: 'https://outpost.example/s/partners/42', text: { text: '在 Outpost 中打开' } },
      { action_id: MARK_READ_ACTION_ID, value: id, text: { text: '标为已读' } },
    ]);
    const [row] = await rowsFor([id!]);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      externalRef: { channel: `D${slackUserId.slice(1)}` },
    });

    expect(await deliver(plus(soon(), 3600_000))).toMatchObject({ claimed: 0 });
    expect(postsOf(id!)).toHaveLength(1);
  });

  it('posts channel messages in Chinese, then English, without a mark-read button', async () => {
    await notifyPartnerCreated(conn.db, [], 'Acme Claims Ltd', 'C0REVIEWERS');
    await deliver(soon());
    const [post] = fake.succeeded('chat.postMessage');
    expect(post!.args.channel).toBe('C0REVIEWERS');
    expect(String(post!.args.text).split('\n')).toEqual([
      '合作伙伴 Acme Claims Ltd（91310000MA1FL8XQ3N）已登记。',
      'Partner Acme Claims Ltd (91310000MA1FL8XQ3N) was registered.',
    ]);
    expect(JSON.stringify(post!.args.blocks)).not.toContain(MARK_READ_ACTION_ID);
  });

  it('maps symbolic channels to the configured ids and skips unconfigured ones', async () => {
    await notifyPartnerCreated(conn.db, [], 'Mapped', REVIEWERS_CHANNEL);
    await notifyPartnerCreated(conn.db, [], 'Unmapped', 'channel:risk');
    const report = await deliverDueOutbox(conn.db, slack, {
      publicUrl: PUBLIC_URL,
      now: soon(),
      channels: { [REVIEWERS_CHANNEL]: 'C0REVIEWERS' },
    });
    expect(report).toMatchObject({ claimed: 2, sent: 1, skipped: 1 });
    expect(fake.succeeded('chat.postMessage').map((c) => c.args.channel)).toEqual(['C0REVIEWERS']);
    const skipped = await conn.db.select().from(outbox).where(eq(outbox.status, 'skipped'));
    expect(skipped.map((r) => r.lastError)).toEqual(['no Slack channel configured for channel:risk']);
  });

  it('leaves rows of a kind it does not know for a worker that does', async () => {
    const { user } = await linkedStaff(conn.db, { name: 'Committee member' });
    const [notificationId] = await notifyPartnerCreated(conn.db, [user.id]);
    await conn.db.insert(outbox).values({
      channel: 'slack',
      target: null,
      notificationId: notificationId!,
      payload: { kind: 'future_ballot', applicationId: 'a-1' },
    });
    expect(await deliver(soon())).toMatchObject({ claimed: 1, sent: 1 }); // only the plain notification
    const [waiting] = await conn.db.select().from(outbox).where(eq(outbox.status, 'pending'));
    expect(waiting).toMatchObject({ attempts: 0, payload: { kind: 'future_ballot' } });

    // A worker that knows the kind posts it, records the message, and can later update it.
    const remembered: string[] = [];
    const futureBallot: SlackOutboxKind = {
      async plan(_db, row) {
        const ref = row.payload.ts as string | undefined;
        const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'ballot' } }];
        return ref
          ? { update: { channel: row.target!, ts: ref, text: 'ballot (decided)', blocks } }
          : { post: { channel: 'C0COMMITTEE', text: 'ballot', blocks } };
      },
      async delivered(_db, _row, ref) {
        remembered.push(`${ref.channel}/${ref.ts}`);
      },
    };
    const kinds = { future_ballot: futureBallot };
    expect(
      await deliverDueOutbox(conn.db, slack, { publicUrl: PUBLIC_URL, now: soon(), kinds }),
    ).toMatchObject({ sent: 1 });
    const [channel, ts] = remembered[0]!.split('/');
    await conn.db
      .insert(outbox)
      .values({ channel: 'slack', target: channel!, payload: { kind: 'future_ballot', ts } });
    expect(
      await deliverDueOutbox(conn.db, slack, { publicUrl: PUBLIC_URL, now: soon(), kinds }),
    ).toMatchObject({ sent: 1 });
    expect(fake.messages.get(`${channel}/${ts}`)).toMatchObject({ text: 'ballot (decided)', updates: 1 });
    expect(remembered).toHaveLength(1);
  });

  it('survives a Slack outage: backs off, then delivers exactly once', async () => {
    const { user } = await linkedStaff(conn.db, { name: 'Zhao Lei' });
    const [id] = await notifyPartnerCreated(conn.db, [user.id]);
    const t0 = soon();

    fake.goDown(503);
    expect(await deliver(t0)).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
    let [row] = await rowsFor([id!]);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.lastError).toMatch(/503/);
    expect(row!.nextAttemptAt.getTime()).toBe(t0.getTime() + 30_000);

    // Still down, later: the second failure doubles the wait.
    await fake.goUnreachable();
    expect(await deliver(plus(t0, 31_000))).toMatchObject({ claimed: 1, retrying: 1 });
    [row] = await rowsFor([id!]);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row!.nextAttemptAt.getTime()).toBe(t0.getTime() + 31_000 + 60_000);

    await fake.recover();
    expect(await deliver(plus(t0, 60_000))).toMatchObject({ claimed: 0 }); // not due yet
    expect(await deliver(plus(t0, 92_000))).toMatchObject({ claimed: 1, sent: 1 });
    expect(await deliver(plus(t0, 10 * 60_000))).toMatchObject({ claimed: 0 });
    expect(postsOf(id!)).toHaveLength(1);
    [row] = await rowsFor([id!]);
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('honours Retry-After without counting it as a failed attempt', async () => {
    const a = await linkedStaff(conn.db, { name: 'A' });
    const b = await linkedStaff(conn.db, { name: 'B' });
    const ids = await notifyPartnerCreated(conn.db, [a.user.id, b.user.id]);
    const t0 = soon();

    fake.rateLimit(45);
    const report = await deliver(t0);
    expect(report).toMatchObject({ claimed: 2, sent: 0, rateLimitedForSeconds: 45 });
    // One call hit the limit; the rest of the batch waited instead of hammering Slack.
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    for (const row of await rowsFor(ids)) {
      expect(row).toMatchObject({ status: 'pending', attempts: 0 });
      expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + 45_000);
    }

    await fake.recover();
    expect(await deliver(plus(t0, 44_000))).toMatchObject({ claimed: 0 });
    expect(await deliver(plus(t0, 46_000))).toMatchObject({ claimed: 2, sent: 2 });
  });

  it('gives up after the last attempt and keeps the error', async () => {
    const { user } = await linkedStaff(conn.db, { name: 'Doomed' });
    const [id] = await notifyPartnerCreated(conn.db, [user.id]);
    fake.goDown(500);
    let now = soon();
    for (let attempt = 1; attempt <= outboxPolicy.maxAttempts; attempt++) {
      expect(await deliver(now)).toMatchObject({ claimed: 1 });
      now = plus(now, outboxPolicy.maxRetryMs + 1);
    }
    const [row] = await rowsFor([id!]);
    expect(row).toMatchObject({ status: 'dead', attempts: outboxPolicy.maxAttempts });
    expect(row!.lastError).toMatch(/500/);
    expect(await deliver(now)).toMatchObject({ claimed: 0 });
  });

  it('skips rows with nobody to send to, and notifications already read in the portal', async () => {
    const { user } = await linkedStaff(conn.db, { name: 'Unlinked later' });
    const reader = await linkedStaff(conn.db, { name: 'Reader' });
    const [unlinkedId] = await notifyPartnerCreated(conn.db, [user.id]);
    const [readId] = await notifyPartnerCreated(conn.db, [reader.user.id]);
    await conn.db.delete(slackLinks).where(eq(slackLinks.userId, user.id));
    await conn.db.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, readId!));

    expect(await deliver(soon())).toMatchObject({ claimed: 2, skipped: 2, sent: 0 });
    const rows = await rowsFor([unlinkedId!, readId!]);
    expect(rows.map((r) => [r.status, r.lastError]).sort()).toEqual([
      ['skipped', 'already read in the portal'],
      ['skipped', 'recipient has no linked Slack user'],
    ]);
    expect(fake.calls).toEqual([]);
  });

  it('leaves every row pending when Slack is not configured', async () => {
    const { user } = await linkedStaff(conn.db, { name: 'Patient' });
    const [id] = await notifyPartnerCreated(conn.db, [user.id]);
    const [before] = await rowsFor([id!]);
    expect(await deliverDueOutbox(conn.db, null, { publicUrl: PUBLIC_URL, now: soon() })).toMatchObject({
      claimed: 0,
    });
    const [after] = await rowsFor([id!]);
    expect(after).toEqual(before);
  });

  it('never sends one row twice when workers deliver concurrently', async () => {
    const recipients = await Promise.all(
      Array.from({ length: 6 }, (_, i) => linkedStaff(conn.db, { name: `R${i}` })),
    );
    const ids: string[] = [];
    for (let round = 0; round < 5; round++)
      ids.push(
        ...(await notifyPartnerCreated(
          conn.db,
          recipients.map((r) => r.user.id),
        )),
      );
    fake.setLatency(15); // so the workers' claims and sends overlap
    const now = soon();
    // Four "workers" with small batches, repeatedly, until the outbox is drained.
    for (let pass = 0; pass < 10; pass++) {
      const reports = await Promise.all(Array.from({ length: 4 }, () => deliver(now, 4)));
      if (reports.every((r) => r.claimed === 0)) break;
    }
    for (const id of ids) expect(postsOf(id), `notification ${id}`).toHaveLength(1);
    expect(fake.succeeded('chat.postMessage')).toHaveLength(ids.length);
    expect((await rowsFor(ids)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
