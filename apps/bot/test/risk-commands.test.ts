import { acknowledgeRiskAlert, assignRiskAlert, partnerSummaryForSlack } from '@outpost/core';
import { makePartnerUser, makeStaff } from '@outpost/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { raiseRiskAlert, slashCommandBody } from '../src/testing/index.ts';
import { createStaff, linkStaff, uniqueSlackId } from './fixtures.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ inProcessRefresh: false });
});
afterAll(() => h.close());
beforeEach(() => h.fake.reset());

async function command(slackUserId: string, text: string) {
  const responseUrl = h.fake.responseUrl();
  const response = await h.post(slashCommandBody({ user: { id: slackUserId }, text, responseUrl }));
  expect(response.status).toBe(200);
  const reply = await h.fake.waitForCall((c) => c.method === 'response_url' && responseUrl.endsWith(c.path));
  expect(reply.args).toMatchObject({ response_type: 'ephemeral' });
  return { text: String(reply.args.text), blocks: JSON.stringify(reply.args.blocks ?? []) };
}

async function linkedOfficer(name: string, locale: 'en' | 'zh-CN' = 'en') {
  const user = await createStaff(h.conn.db, { name, roles: ['risk_officer'], locale });
  const slackUserId = uniqueSlackId();
  await linkStaff(h.conn.db, user.id, slackUserId);
  return { ...user, slackUserId };
}

describe('/outpost alerts', () => {
  it('lists the open alerts assigned to me (acknowledged ones too), none of anybody else’s', async () => {
    const me = await linkedOfficer('Zhao Min');
    const other = await makeStaff(h.conn.db, ['risk_officer']);
    expect((await command(me.slackUserId, 'alerts')).text).toBe('No open alerts are assigned to you.');

    const mine = await raiseRiskAlert(h.conn.db, { level: 'critical', legalName: 'Mine Claims Co., Ltd.' });
    const acked = await raiseRiskAlert(h.conn.db, { level: 'warning', legalName: 'Acked Claims Co., Ltd.' });
    const theirs = await raiseRiskAlert(h.conn.db, { legalName: 'Theirs Claims Co., Ltd.' });
    await assignRiskAlert(h.conn.db, other.actor, { alertId: mine.alert.id, ownerId: me.id });
    await assignRiskAlert(h.conn.db, other.actor, { alertId: acked.alert.id, ownerId: me.id });
    await acknowledgeRiskAlert(h.conn.db, other.actor, acked.alert.id);
    await assignRiskAlert(h.conn.db, other.actor, { alertId: theirs.alert.id, ownerId: other.user.id });

    const { text, blocks } = await command(me.slackUserId, 'alerts');
    expect(text).toMatch(/^Open alerts assigned to you: 2/);
    expect(text).toContain('Mine Claims Co., Ltd.');
    expect(text).toContain('Acked Claims Co., Ltd.');
    expect(text).not.toContain('Theirs Claims');
    expect(text).toContain('Critical');
    expect(text).toContain('Acknowledged');
    expect(blocks).toContain('https://outpost.example/s/risk/alerts?mine=1');
  });

  it('asks an unlinked Slack user to link first', async () => {
    const stranger = uniqueSlackId();
    h.fake.addUser({ id: stranger, email: 'nobody@elsewhere.test', locale: 'en-US' });
    expect((await command(stranger, 'alerts')).text).toContain('https://outpost.example/account');
  });
});

describe('/outpost partner', () => {
  it('shows status, this quarter’s score and the open alerts, by credit code or by name', async () => {
    const me = await linkedOfficer('Sun Li', 'zh-CN');
    const { partner } = await raiseRiskAlert(h.conn.db, {
      level: 'critical',
      legalName: '鼎信保险代理有限公司',
    });
    const byCode = await command(me.slackUserId, `partner ${partner.creditCode.toLowerCase()}`);
    expect(byCode.text).toContain('*鼎信保险代理有限公司*');
    expect(byCode.text).toContain('状态: 合作中');
    expect(byCode.text).toContain('本季度评分: 暂无数据');
    expect(byCode.text).toContain('未关闭预警: 1');
    expect(byCode.blocks).toContain('严重');
    expect(byCode.blocks).toContain(`https://outpost.example/s/partners/${partner.id}`);

    const byName = await command(me.slackUserId, 'partner 鼎信保险代理');
    expect(byName.text).toBe(byCode.text);
  });

  it('the same answer for a partner that does not exist and one the person may not see', async () => {
    const me = await linkedOfficer('Qian Bo');
    const { partner } = await raiseRiskAlert(h.conn.db, { legalName: 'Hidden Claims Co., Ltd.' });
    const missing = await command(me.slackUserId, 'partner 91310000XXXXXXXXXX');
    expect(missing.text).toBe('No partner you can see matches “91310000XXXXXXXXXX”.');
    // Nobody who can link Slack lacks the permission, so the domain rule is checked with core directly:
    // a partner's own user asking about another partner gets exactly what a miss gets.
    const { actor } = await makePartnerUser(h.conn.db, (await raiseRiskAlert(h.conn.db)).partner.id);
    expect(await partnerSummaryForSlack(h.conn.db, actor, partner.creditCode)).toBeNull();
    expect(await partnerSummaryForSlack(h.conn.db, actor, '91310000XXXXXXXXXX')).toBeNull();
    expect((await command(me.slackUserId, 'partner')).text).toBe(
      'Usage: `/outpost partner <name or unified social credit code>`',
    );
  });
});
