import { notify } from '@outpost/core';
import { users } from '@outpost/db';
import { expectConsoleError } from '@outpost/db/testing/console-guard';
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

async function command(slackUserId: string, text: string) {
  const response = await h.post(
    slashCommandBody({ user: { id: slackUserId }, text, responseUrl: h.fake.responseUrl() }),
  );
  expect(response.status).toBe(200);
  const reply = await h.fake.waitForCall((c) => c.method === 'response_url');
  expect(reply.args.response_type).toBe('ephemeral');
  return String(reply.args.text);
}

async function linkOf(userId: string) {
  return h.conn.db.query.slackLinks.findFirst({ where: (l, { eq }) => eq(l.userId, userId) });
}

describe('/outpost', () => {
  it("shows help in the person's language, also for an unknown subcommand", async () => {
    const user = await createStaff(h.conn.db, { name: 'Ma Lin', locale: 'en' });
    const slackUserId = uniqueSlackId();
    await linkStaff(h.conn.db, user.id, slackUserId);
    expect(await command(slackUserId, '')).toMatch(/^Outpost sends approvals/);
    h.fake.reset();
    expect(await command(slackUserId, 'frobnicate <!channel>')).toMatch(/^Unknown command `frobnicate`/);
  });

  it('counts unread notifications for `inbox`', async () => {
    const user = await createStaff(h.conn.db, { name: 'Hu Jun', locale: 'zh-CN' });
    const slackUserId = uniqueSlackId();
    await linkStaff(h.conn.db, user.id, slackUserId);
    await h.conn.db.transaction(async (tx) => {
      for (const name of ['A', 'B', 'C'])
        await notify(tx, {
          userIds: [user.id],
          template: 'notify.partner_created',
          params: { name, creditCode: 'x' },
        });
    });
    expect(await command(slackUserId, 'inbox')).toBe('您有 3 条未读消息。');
  });

  it('links a Slack user automatically by e-mail, once', async () => {
    const email = `Liu.Yang.${Date.now()}@Insurer.test`;
    const user = await createStaff(h.conn.db, { name: 'Liu Yang', locale: 'en', email });
    const slackUserId = uniqueSlackId();
    h.fake.addUser({ id: slackUserId, email: email.toLowerCase(), locale: 'zh-CN' });

    expect(await command(slackUserId, 'link')).toBe(
      'Your Slack account is now linked to Outpost as Liu Yang.',
    );
    expect(await linkOf(user.id)).toMatchObject({ slackUserId, linkedVia: 'email' });
    const audit = await h.conn.db.query.auditLog.findMany({
      where: (a, { and, eq }) => and(eq(a.entityId, user.id), eq(a.action, 'slack.linked')),
    });
    expect(audit).toHaveLength(1);

    h.fake.reset();
    expect(await command(slackUserId, 'link')).toBe('Your Slack account is linked to Outpost as Liu Yang.');
    expect(h.fake.calls.filter((c) => c.method === 'users.info')).toEqual([]); // known now: no lookup
  });

  it('does not link partner users, disabled staff or bots', async () => {
    const partnerEmail = `partner.${Date.now()}@partner.test`;
    await h.conn.db
      .insert(users)
      .values({ kind: 'partner', email: partnerEmail, displayName: 'Partner Person' });
    const disabled = await createStaff(h.conn.db, { name: 'Gone Person', status: 'disabled' });
    const bot = await createStaff(h.conn.db, { name: 'Bot Person' });

    const cases = [
      { id: uniqueSlackId(), email: partnerEmail },
      { id: uniqueSlackId(), email: disabled.email },
      { id: uniqueSlackId(), email: bot.email, isBot: true },
    ];
    for (const slackUser of cases) {
      h.fake.reset();
      h.fake.addUser({ ...slackUser, locale: 'en-GB' });
      expect(await command(slackUser.id, 'inbox')).toMatch(/^Your Slack account is not linked/);
    }
    expect(await linkOf(disabled.id)).toBeUndefined();
    expect(await linkOf(bot.id)).toBeUndefined();
  });

  it("shows a domain refusal as an ephemeral message in the person's language", async () => {
    // Auditors read everything and change nothing — not even their Slack link.
    const auditor = await createStaff(h.conn.db, {
      name: 'Audit Person',
      locale: 'zh-CN',
      roles: ['auditor'],
    });
    const slackUserId = uniqueSlackId();
    h.fake.addUser({ id: slackUserId, email: auditor.email });
    expect(await command(slackUserId, 'inbox')).toBe('您没有执行此操作的权限。');
    expect(await linkOf(auditor.id)).toBeUndefined();
  });

  it("still answers when Slack's users.info is down (no automatic link then)", async () => {
    const user = await createStaff(h.conn.db, { name: 'Xu Min' });
    const slackUserId = uniqueSlackId();
    h.fake.addUser({ id: slackUserId, email: user.email });
    h.fake.goDown();
    // The reply itself cannot reach Slack either: that is worth an error in the log.
    expectConsoleError(/Failed to respond to the response_url: 503/);
    const response = await h.post(
      slashCommandBody({ user: { id: slackUserId }, text: 'inbox', responseUrl: h.fake.responseUrl() }),
    );
    expect(response.status).toBe(200);
    await h.fake.waitForCall((c) => c.method === 'response_url' && c.status === 503);
    await new Promise((r) => setTimeout(r, 50)); // let the listener finish logging
    expect(await linkOf(user.id)).toBeUndefined();
  });
});
