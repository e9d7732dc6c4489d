import { type DatabaseConnection, outbox, users } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliverDueOutbox,
  escapeSlackText,
  MARK_READ_ACTION_ID,
  notify,
  outboxPolicy,
  outpostUrl,
  renderSlackMessage,
  retryDelayMs,
} from '../src/index.ts';

// Delivery against a (fake) Slack Web API is tested in apps/worker/test/outbox-delivery.test.ts,
// where the real Slack gateway lives; these cover the rules that need no Slack at all.

describe('outbox retry policy', () => {
  it('doubles from 30 s and stops growing at an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(9)).toBe(outboxPolicy.maxRetryMs);
    expect(retryDelayMs(50)).toBe(outboxPolicy.maxRetryMs);
  });
});

describe('Slack message rendering', () => {
  const payload = {
    template: 'notify.partner_created',
    params: { name: '<@U123> & co', creditCode: 'X' },
    link: '/s/partners/1',
  };

  it('escapes what Slack would read as mentions or links', () => {
    expect(escapeSlackText('<!channel> & <http://evil|x>')).toBe(
      '&lt;!channel&gt; &amp; &lt;http://evil|x&gt;',
    );
    expect(renderSlackMessage(payload, { locales: ['en'], publicUrl: 'https://o.example' }).text).toBe(
      'Partner &lt;@U123&gt; &amp; co (X) was registered.',
    );
  });

  it('links only to paths inside the portal', () => {
    expect(outpostUrl('https://o.example/', '/inbox')).toBe('https://o.example/inbox');
    expect(outpostUrl('https://o.example', '//evil.example/x')).toBeNull();
    expect(outpostUrl('https://o.example', 'https://evil.example')).toBeNull();
    expect(outpostUrl('https://o.example', null)).toBeNull();
  });

  it('offers "Mark as read" only for a person\'s notification', () => {
    const personal = renderSlackMessage(payload, {
      locales: ['en'],
      publicUrl: 'https://o.example',
      notificationId: 'n-1',
    });
    expect(JSON.stringify(personal.blocks)).toContain(MARK_READ_ACTION_ID);
    const channel = renderSlackMessage(payload, { locales: ['zh-CN', 'en'], publicUrl: 'https://o.example' });
    expect(JSON.stringify(channel.blocks)).not.toContain(MARK_READ_ACTION_ID);
    expect(channel.text.split('\n')).toHaveLength(2);
  });
});

describe('deliverDueOutbox without Slack', () => {
  let conn: DatabaseConnection;
  beforeAll(async () => {
    conn = await createTestDatabase();
  });
  afterAll(() => conn.close());

  it('leaves every row exactly as it was', async () => {
    const [user] = await conn.db
      .insert(users)
      .values({ kind: 'staff', email: 'o@insurer.test', displayName: 'O' })
      .returning();
    await conn.db.transaction((tx) =>
      notify(tx, { userIds: [user!.id], template: 'notify.partner_created', slackChannel: 'C1' }),
    );
    const before = await conn.db.select().from(outbox);
    expect(before).toHaveLength(1);
    const report = await deliverDueOutbox(conn.db, null, {
      publicUrl: 'https://o.example',
      now: new Date(Date.now() + 3600_000),
    });
    expect(report).toMatchObject({ claimed: 0, sent: 0 });
    expect(await conn.db.select().from(outbox)).toEqual(before);
  });
});
