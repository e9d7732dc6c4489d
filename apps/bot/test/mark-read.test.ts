import { MARK_READ_ACTION_ID, OPEN_IN_OUTPOST_ACTION_ID } from '@outpost/core';
import { auditLog, slackLinks } from '@outpost/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buttonClickPayload, interactionBody } from '../src/testing/index.ts';
import { createStaff, linkStaff, uniqueSlackId } from './fixtures.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.fake.reset());

function click(input: {
  slackUserId: string;
  notificationId: string;
  channel: string;
  ts: string;
  responseUrl: string;
}) {
  return h.post(
    interactionBody(
      buttonClickPayload({
        user: { id: input.slackUserId },
        actionId: MARK_READ_ACTION_ID,
        value: input.notificationId,
        message: { channel: input.channel, ts: input.ts },
        responseUrl: input.responseUrl,
      }),
    ),
  );
}

async function auditFor(entityId: string) {
  return h.conn.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.entityId, entityId) });
}

describe('"Mark as read" on a delivered notification', () => {
  it('marks it read as the recipient, audits it and replaces the buttons', async () => {
    const reader = await createStaff(h.conn.db, { name: 'Li Na', locale: 'zh-CN' });
    const slackUserId = uniqueSlackId();
    await linkStaff(h.conn.db, reader.id, slackUserId);
    const delivered = await h.deliverNotification(reader.id);
    // The DM is in the recipient's language and offers both buttons.
    const dm = h.fake.messages.get(`${delivered.channel}/${delivered.ts}`)!;
    expect(dm.text).toContain('合作伙伴 Acme Claims Ltd');
    expect(JSON.stringify(dm.blocks)).toContain('https://outpost.example/s/partners/42');

    const started = Date.now();
    const response = await click({ slackUserId, ...delivered, responseUrl: h.fake.responseUrl() });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);

    await h.fake.waitForCall((c) => c.method === 'chat.update' && c.ok);
    const updated = h.fake.messages.get(`${delivered.channel}/${delivered.ts}`)!;
    expect(updated.updates).toBe(1);
    expect(updated.blocks.some((b) => (b as { type: string }).type === 'actions')).toBe(false);
    expect(JSON.stringify(updated.blocks)).toContain('已由 Li Na 标记为已读');

    expect((await h.notification(delivered.notificationId))!.readAt).toBeInstanceOf(Date);
    const entries = await auditFor(delivered.notificationId);
    expect(entries).toMatchObject([{ action: 'notification.read', actorType: 'slack', actorId: reader.id }]);
  });

  it('refuses someone else: ephemeral "not yours", nothing changes', async () => {
    const recipient = await createStaff(h.conn.db, { name: 'Zhao Lei' });
    const other = await createStaff(h.conn.db, { name: 'Chen Jie', locale: 'en' });
    const recipientSlack = uniqueSlackId();
    const otherSlack = uniqueSlackId();
    await linkStaff(h.conn.db, recipient.id, recipientSlack);
    await linkStaff(h.conn.db, other.id, otherSlack);
    const delivered = await h.deliverNotification(recipient.id);

    const responseUrl = h.fake.responseUrl('other');
    expect((await click({ slackUserId: otherSlack, ...delivered, responseUrl })).status).toBe(200);
    const reply = await h.fake.waitForCall((c) => c.method === 'response_url');
    expect(reply.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(reply.args.text).toMatch(/sent to someone else/);

    expect((await h.notification(delivered.notificationId))!.readAt).toBeNull();
    expect(await auditFor(delivered.notificationId)).toEqual([]);
    expect(h.fake.calls.filter((c) => c.method === 'chat.update')).toEqual([]);
  });

  it('tells an unlinked Slack user why nothing happened', async () => {
    const recipient = await createStaff(h.conn.db, { name: 'Sun Yu' });
    await linkStaff(h.conn.db, recipient.id, uniqueSlackId());
    const delivered = await h.deliverNotification(recipient.id);
    const stranger = uniqueSlackId();
    h.fake.addUser({ id: stranger, email: 'nobody@elsewhere.test', locale: 'en-US' });
    const linksBefore = await h.conn.db.$count(slackLinks);
    const auditBefore = await h.conn.db.$count(auditLog);

    await click({ slackUserId: stranger, ...delivered, responseUrl: h.fake.responseUrl() });
    const reply = await h.fake.waitForCall((c) => c.method === 'response_url');
    expect(reply.args.text).toMatch(/not linked to Outpost.*https:\/\/outpost\.example\/account/s);

    expect((await h.notification(delivered.notificationId))!.readAt).toBeNull();
    expect(await h.conn.db.$count(slackLinks)).toBe(linksBefore);
    expect(await h.conn.db.$count(auditLog)).toBe(auditBefore);
    expect(h.fake.calls.filter((c) => c.method === 'chat.update')).toEqual([]);
  });

  it('answers in both languages when it cannot tell which one the person reads', async () => {
    const stranger = uniqueSlackId(); // not even known to Slack's users.info
    await click({
      slackUserId: stranger,
      notificationId: crypto.randomUUID(),
      channel: 'D1',
      ts: '1.1',
      responseUrl: h.fake.responseUrl(),
    });
    const reply = await h.fake.waitForCall((c) => c.method === 'response_url');
    expect(reply.args.text).toMatch(/尚未关联[\s\S]*not linked/);
  });

  it("treats a forged notification id like someone else's", async () => {
    const clicker = await createStaff(h.conn.db, { name: 'Guo Ming' });
    const slackUserId = uniqueSlackId();
    await linkStaff(h.conn.db, clicker.id, slackUserId);
    for (const forged of [crypto.randomUUID(), 'not-a-uuid']) {
      h.fake.reset();
      await click({
        slackUserId,
        notificationId: forged,
        channel: 'D1',
        ts: '1.1',
        responseUrl: h.fake.responseUrl(),
      });
      const reply = await h.fake.waitForCall((c) => c.method === 'response_url');
      expect(reply.args.text).toMatch(/sent to someone else/);
    }
  });

  it('acknowledges clicks on the "Open in Outpost" link button', async () => {
    const response = await h.post(
      interactionBody(
        buttonClickPayload({
          user: { id: uniqueSlackId() },
          actionId: OPEN_IN_OUTPOST_ACTION_ID,
          message: { channel: 'D1', ts: '1.1' },
          responseUrl: h.fake.responseUrl(),
        }),
      ),
    );
    expect(response.status).toBe(200);
    expect(h.fake.calls).toEqual([]);
  });
});
