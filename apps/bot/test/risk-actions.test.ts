import { auditLog, riskAlertEvents } from '@outpost/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RISK_RESOLVE_CALLBACK_ID, riskSlackPacing } from '../src/index.ts';
import {
  buttonClickPayload,
  interactionBody,
  raiseRiskAlert,
  viewSubmissionPayload,
} from '../src/testing/index.ts';
import { createStaff, linkStaff, uniqueSlackId } from './fixtures.ts';
import { type Harness, startHarness } from './harness.ts';
import {
  actionIdsOf,
  actionsBlock,
  alertRow,
  cardOf,
  clickCard,
  deliverRisk,
  eventsOf,
  repliesTo,
  until,
} from './risk-support.ts';

let h: Harness;
type Linked = { id: string; name: string; slackUserId: string };
let li: Linked;
let ma: Linked;
let reviewer: Linked;
beforeAll(async () => {
  // Only the outbox redraws cards here (as after a crash right after the ack): deterministic.
  h = await startHarness({ inProcessRefresh: false });
  riskSlackPacing.postSpacingMs = 0;
  const linked = async (
    name: string,
    roles: ('risk_officer' | 'reviewer')[],
    locale: 'en' | 'zh-CN' = 'en',
  ) => {
    const user = await createStaff(h.conn.db, { name, roles, locale });
    const slackUserId = uniqueSlackId();
    await linkStaff(h.conn.db, user.id, slackUserId);
    return { id: user.id, name, slackUserId };
  };
  li = await linked('Li Wei', ['risk_officer'], 'zh-CN');
  ma = await linked('Ma Lin', ['risk_officer']);
  reviewer = await linked('Rita Reviewer', ['reviewer']);
});
afterAll(async () => {
  riskSlackPacing.postSpacingMs = 1_000;
  await h.close();
});
beforeEach(() => h.fake.reset());

/** A new alert whose card the worker has posted to its channel. */
async function postedAlert(level: 'notice' | 'warning' | 'critical' = 'warning') {
  const { alert, partner } = await raiseRiskAlert(h.conn.db, { level });
  await deliverRisk(h);
  return { alert, partner, card: await cardOf(h, alert.id) };
}

/** Clicks and waits for the ephemeral answer; returns its text. */
async function refusal(input: Omit<Parameters<typeof clickCard>[1], 'responseUrl'>) {
  const responseUrl = h.fake.responseUrl();
  const response = await clickCard(h, { ...input, responseUrl });
  expect(response.status).toBe(200);
  const reply = await h.fake.waitForCall((c) => c.method === 'response_url' && responseUrl.endsWith(c.path));
  expect(reply.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  return String(reply.args.text);
}

describe('acting on a risk alert from its Slack card', () => {
  it('Acknowledge: the alert is acknowledged by the clicking person (audited as Slack), the card says so in place', async () => {
    const { alert, card } = await postedAlert();
    expect(actionIdsOf(card)).toEqual([
      'risk_alert_acknowledge',
      'risk_alert_assign',
      'risk_alert_resolve',
      'notification_open',
    ]);
    const responseUrl = h.fake.responseUrl();
    expect(
      (
        await clickCard(h, {
          slackUserId: ma.slackUserId,
          action: 'acknowledge',
          alertId: alert.id,
          message: card,
          responseUrl,
        })
      ).status,
    ).toBe(200);

    const after = await alertRow(h, alert.id);
    expect(after).toMatchObject({ status: 'acknowledged', acknowledgedBy: ma.id, ownerId: ma.id });
    const events = await eventsOf(h, alert.id);
    expect(events.find((e) => e.kind === 'acknowledged')).toMatchObject({ actorId: ma.id, via: 'slack' });
    const audit = await h.conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, alert.id), eq(auditLog.action, 'risk_alert.acknowledged')));
    expect(audit).toMatchObject([{ actorId: ma.id, actorType: 'slack' }]);

    await deliverRisk(h);
    expect(card.updates).toBe(1);
    expect(card.text).toContain('Acknowledged by Ma Lin');
    expect(card.text).toContain('已由 Ma Lin 确认');
    // Acknowledged: no Acknowledge button any more, still Assign and Resolve.
    expect(actionIdsOf(card)).toEqual(['risk_alert_assign', 'risk_alert_resolve', 'notification_open']);
    expect(repliesTo(h, responseUrl)).toEqual([]);
  });

  it('two people acknowledging at once: one state change, the other is told who was first', async () => {
    const { alert, card } = await postedAlert();
    h.fake.setLatency(20);
    const urls = [h.fake.responseUrl(), h.fake.responseUrl()];
    const responses = await Promise.all(
      [li, ma].map((p, i) =>
        clickCard(h, {
          slackUserId: p.slackUserId,
          action: 'acknowledge',
          alertId: alert.id,
          message: card,
          responseUrl: urls[i]!,
        }),
      ),
    );
    h.fake.setLatency(0);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const acknowledged = (await eventsOf(h, alert.id)).filter((e) => e.kind === 'acknowledged');
    expect(acknowledged).toHaveLength(1);
    const winner = acknowledged[0]!.actorId === li.id ? li : ma;
    const loserUrl = urls[winner === li ? 1 : 0]!;
    await until(() => repliesTo(h, loserUrl).length > 0);
    const text = String(repliesTo(h, loserUrl)[0]!.args.text);
    expect(text).toMatch(
      winner === li ? /Li Wei has already acknowledged this alert/ : /Ma Lin 已确认此预警/,
    );
    expect(repliesTo(h, urls[winner === li ? 0 : 1]!)).toEqual([]);
  });

  it('Assign to…: the chosen Slack user becomes the owner; an unlinked or non-risk choice changes nothing', async () => {
    const { alert, card } = await postedAlert();
    const responseUrl = h.fake.responseUrl();
    await clickCard(h, {
      slackUserId: ma.slackUserId,
      action: 'assign',
      alertId: alert.id,
      message: card,
      responseUrl,
      selectedUser: li.slackUserId,
    });
    expect(await alertRow(h, alert.id)).toMatchObject({ status: 'open', ownerId: li.id });
    await deliverRisk(h);
    expect(JSON.stringify(card.blocks)).toContain('Li Wei');

    expect(
      await refusal({
        slackUserId: ma.slackUserId,
        action: 'assign',
        alertId: alert.id,
        message: card,
        selectedUser: 'UNOBODY0001',
      }),
    ).toBe('That Slack user is not linked to an Outpost staff account; nothing was changed.');
    expect(
      await refusal({
        slackUserId: ma.slackUserId,
        action: 'assign',
        alertId: alert.id,
        message: card,
        selectedUser: reviewer.slackUserId,
      }),
    ).toBe('Alerts can be assigned to risk officers and administrators only; nothing was changed.');
    expect(await alertRow(h, alert.id)).toMatchObject({ ownerId: li.id });
  });

  it('Resolve opens the note modal; a blank note keeps it open, a real note resolves and the card shows it', async () => {
    const { alert, card } = await postedAlert();
    const responseUrl = h.fake.responseUrl();
    const click = buttonClickPayload({
      user: { id: ma.slackUserId },
      actionId: 'risk_alert_resolve',
      value: alert.id,
      message: card,
      responseUrl,
    });
    (click.actions as { block_id: string }[])[0]!.block_id = actionsBlock(card)!.block_id;
    const before = h.fake.calls.length;
    expect((await h.post(interactionBody(click))).status).toBe(200);
    const opened = await h.fake.waitForCall((c) => c.method === 'views.open');
    expect(h.fake.calls.slice(before).map((c) => c.method)).toEqual(['views.open']);
    const modal = opened.args.view as Record<string, unknown>;
    expect(modal).toMatchObject({
      type: 'modal',
      callback_id: RISK_RESOLVE_CALLBACK_ID,
      title: { text: '解决预警 / Resolve alert' },
    });

    const submit = (note: string | null) =>
      h.post(
        interactionBody(
          viewSubmissionPayload({
            user: { id: ma.slackUserId },
            view: modal,
            values: { note: { note_input: note } },
          }),
        ),
      );
    for (const blank of [null, '   ']) {
      const refused = await submit(blank);
      expect(await refused.json()).toEqual({
        response_action: 'errors',
        errors: { note: '请填写处理说明（不超过 4000 字）。 / Write what was done (up to 4000 characters).' },
      });
    }
    expect((await alertRow(h, alert.id)).status).toBe('open');

    const accepted = await submit('  Called the partner; the listed director has resigned.  ');
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe('');
    expect(await alertRow(h, alert.id)).toMatchObject({
      status: 'resolved',
      resolvedBy: ma.id,
      resolutionNote: 'Called the partner; the listed director has resigned.',
    });
    await deliverRisk(h);
    expect(card.text).toContain('Resolved by Ma Lin: Called the partner; the listed director has resigned.');
    expect(actionIdsOf(card)).toEqual(['notification_open']);
  });

  it('a click on an alert already resolved: a clear ephemeral answer, nothing changes', async () => {
    const { alert, card } = await postedAlert();
    await clickCard(h, {
      slackUserId: ma.slackUserId,
      action: 'acknowledge',
      alertId: alert.id,
      message: card,
      responseUrl: h.fake.responseUrl(),
    });
    const modalSubmit = viewSubmissionPayload({
      user: { id: ma.slackUserId },
      view: {
        callback_id: RISK_RESOLVE_CALLBACK_ID,
        private_metadata: JSON.stringify({
          a: alert.id,
          c: card.channel,
          t: card.ts,
          r: h.fake.responseUrl(),
          l: 'en',
        }),
      },
      values: { note: { note_input: 'Handled.' } },
    });
    await h.post(interactionBody(modalSubmit));
    expect((await alertRow(h, alert.id)).status).toBe('resolved');
    const eventsBefore = (await eventsOf(h, alert.id)).length;

    // The stale card (before any redraw) still has its buttons.
    expect(
      await refusal({ slackUserId: li.slackUserId, action: 'acknowledge', alertId: alert.id, message: card }),
    ).toBe('此预警已关闭，未做任何更改。');
    expect(
      await refusal({
        slackUserId: ma.slackUserId,
        action: 'assign',
        alertId: alert.id,
        message: card,
        selectedUser: li.slackUserId,
      }),
    ).toBe('This alert is already closed; nothing was changed.');
    expect(await eventsOf(h, alert.id)).toHaveLength(eventsBefore);
    expect(await alertRow(h, alert.id)).toMatchObject({ status: 'resolved', ownerId: ma.id });
  });

  it('an unlinked Slack user and a linked one without the permission are refused; nothing changes', async () => {
    const { alert, card } = await postedAlert();
    const stranger = uniqueSlackId();
    h.fake.addUser({ id: stranger, email: 'nobody@elsewhere.test', locale: 'en-US' });
    expect(
      await refusal({ slackUserId: stranger, action: 'acknowledge', alertId: alert.id, message: card }),
    ).toContain('https://outpost.example/account');
    expect(
      await refusal({
        slackUserId: reviewer.slackUserId,
        action: 'acknowledge',
        alertId: alert.id,
        message: card,
      }),
    ).toMatch(/permission|not allowed/i);
    expect(
      await refusal({
        slackUserId: reviewer.slackUserId,
        action: 'assign',
        alertId: alert.id,
        message: card,
        selectedUser: li.slackUserId,
      }),
    ).toMatch(/permission|not allowed/i);
    expect(await alertRow(h, alert.id)).toMatchObject({ status: 'open', ownerId: null });
    const changes = (await eventsOf(h, alert.id)).filter((e) => !['raised', 'slack_posted'].includes(e.kind));
    expect(changes).toEqual([]);
    const slackAudit = await h.conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, alert.id), eq(auditLog.actorType, 'slack')));
    expect(slackAudit).toEqual([]);
    expect(
      await h.conn.db
        .select()
        .from(riskAlertEvents)
        .where(eq(riskAlertEvents.via, 'slack'))
        .then((r) => r.every((e) => e.alertId !== alert.id)),
    ).toBe(true);
  });
});
