import {
  auditLog,
  blacklistEntries,
  type DatabaseConnection,
  riskAlertEvents,
  riskAlerts,
  partners,
  riskRules,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  AppError,
  acknowledgeRiskAlert,
  acknowledgeRiskAlerts,
  assignRiskAlert,
  dismissRiskAlert,
  ensureDefaultKpis,
  ensureDefaultRiskRules,
  evaluateRiskRules,
  getRiskAlert,
  getRiskRule,
  ingestEvents,
  listRiskAlerts,
  resolveRiskAlert,
  type RiskRuleInput,
  saveRiskRule,
  setRiskRuleEnabled,
  staffWorkQueue,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
let risk: Actor;
let riskUserId: string;
beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureDefaultKpis(conn.db);
  const officer = await makeStaff(conn.db, ['risk_officer']);
  risk = officer.actor;
  riskUserId = officer.user.id;
  // Alerts to act on: partners from makePartner serve claims; the blacklist closes an alert at once.
  await saveRiskRule(conn.db, risk, {
    kind: 'blacklist_hit',
    nameZh: '黑名单',
    nameEn: 'Blacklist',
    level: 'critical',
    serviceCategories: ['claims'],
    params: { clearAfterHours: 0 },
  });
});
afterAll(() => conn.close());

const HOUR = 3_600_000;
const keyFor = (partnerId: string): Actor => ({
  type: 'api_key',
  keyId: `k-${partnerId.slice(0, 8)}`,
  partnerId,
  scopes: ['events'],
});

async function refused(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to be refused').toBeInstanceOf(AppError);
  return error as AppError;
}

/** `n` closed cases an hour or two ago, all late or all on time. */
function closes(prefix: string, n: number, late: boolean) {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    type: 'case_closed',
    occurredAt: new Date(now - 2 * HOUR).toISOString(),
    caseId: `case-${prefix}-${i}`,
    slaDueAt: new Date(now - (late ? 3 : 1) * HOUR).toISOString(),
  }));
}

const alertsOf = (partnerId: string) =>
  conn.db
    .select()
    .from(riskAlerts)
    .where(eq(riskAlerts.partnerId, partnerId))
    .orderBy(asc(riskAlerts.raisedAt));
const timelineOf = async (alertId: string) =>
  (
    await conn.db
      .select()
      .from(riskAlertEvents)
      .where(eq(riskAlertEvents.alertId, alertId))
      .orderBy(asc(riskAlertEvents.id))
  ).map((e) => e.kind);

const timelinessRule: RiskRuleInput = {
  kind: 'kpi_threshold',
  nameZh: '时效严重',
  nameEn: 'Timeliness critical',
  level: 'critical',
  params: {
    kpiKey: 'processing_timeliness',
    windowDays: 7,
    breach: 'critical',
    minSample: 5,
    clearAfterHours: 24,
  },
};

/** An open alert of a blacklist rule on a fresh partner, to act on. */
async function openAlert() {
  const partner = await makePartner(conn.db);
  await conn.db
    .insert(blacklistEntries)
    .values({ creditCode: partner.creditCode, name: partner.legalName, reason: 'fraud' });
  await evaluateRiskRules(conn.db, { kinds: ['blacklist_hit'], partnerIds: [partner.id] });
  const [alert] = await alertsOf(partner.id);
  expect(alert?.status).toBe('open');
  return { partner, alert: alert! };
}

describe('evaluation', () => {
  it('an ingestion batch raises one alert per condition, not one per evaluation; it clears, closes itself, and a return is a new alert', async () => {
    await saveRiskRule(conn.db, risk, timelinessRule);
    const partner = await makePartner(conn.db);
    const t0 = Date.now();

    // The batch itself triggers the evaluation of this partner.
    await ingestEvents(conn.db, keyFor(partner.id), { events: closes('late', 10, true) });
    let alerts = await alertsOf(partner.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      status: 'open',
      level: 'critical',
      conditionKey: 'kpi:processing_timeliness',
    });
    expect(alerts[0]!.evidence).toMatchObject({ kpiKey: 'processing_timeliness', value: 0, sampleSize: 10 });
    expect(String(alerts[0]!.evidence.href)).toContain(`/s/scorecards/${partner.id}?`);
    expect(alerts[0]!.responseDeadline.getTime() - alerts[0]!.raisedAt.getTime()).toBe(24 * HOUR);

    // Evaluating again (the schedule, another batch) changes nothing.
    await evaluateRiskRules(conn.db, { now: new Date(t0 + 60_000) });
    await evaluateRiskRules(conn.db, { now: new Date(t0 + 120_000), partnerIds: [partner.id] });
    alerts = await alertsOf(partner.id);
    expect(alerts).toHaveLength(1);
    expect(await timelineOf(alerts[0]!.id)).toEqual(['raised']);

    // Good cases bring timeliness back above the critical threshold: cleared, still open.
    await ingestEvents(conn.db, keyFor(partner.id), { events: closes('ok', 200, false) });
    await evaluateRiskRules(conn.db, { now: new Date(t0 + 2 * HOUR) });
    alerts = await alertsOf(partner.id);
    expect(alerts[0]!.status).toBe('open');
    expect(alerts[0]!.clearedSince).not.toBeNull();

    // Cleared for longer than the rule's 24 hours: resolved by the system.
    await evaluateRiskRules(conn.db, { now: new Date(t0 + 25 * HOUR) });
    alerts = await alertsOf(partner.id);
    expect(alerts[0]).toMatchObject({ status: 'resolved', resolvedBy: null });
    expect(await timelineOf(alerts[0]!.id)).toEqual(['raised', 'cleared', 'auto_resolved']);

    // The condition returns: a new alert, the closed one stays closed.
    await ingestEvents(conn.db, keyFor(partner.id), { events: closes('late-again', 300, true) });
    alerts = await alertsOf(partner.id);
    expect(alerts.map((a) => a.status)).toEqual(['resolved', 'open']);
    expect(alerts[1]!.id).not.toBe(alerts[0]!.id);
  });

  it('a condition that returns before the alert closed un-clears the same alert', async () => {
    const partner = await makePartner(conn.db);
    await conn.db
      .update(partners)
      .set({ serviceCategories: ['it'] })
      .where(eq(partners.id, partner.id));
    await saveRiskRule(conn.db, risk, {
      kind: 'blacklist_hit',
      nameZh: '黑名单（慢关）',
      nameEn: 'Blacklist (slow close)',
      level: 'warning',
      serviceCategories: ['it'],
      params: { clearAfterHours: 48 },
    });
    const t0 = Date.now();
    const evaluate = (hours: number) =>
      evaluateRiskRules(conn.db, {
        kinds: ['blacklist_hit'],
        partnerIds: [partner.id],
        now: new Date(t0 + hours * HOUR),
      });
    const entry = (name: string) =>
      conn.db.insert(blacklistEntries).values({ creditCode: partner.creditCode, name, reason: name });
    const lift = () =>
      conn.db
        .update(blacklistEntries)
        .set({ removedAt: new Date() })
        .where(eq(blacklistEntries.creditCode, partner.creditCode));

    await entry('first');
    await evaluate(0);
    await lift();
    await evaluate(1);
    await entry('second');
    await evaluate(2);
    const alerts = await alertsOf(partner.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: 'open', clearedSince: null });
    expect(await timelineOf(alerts[0]!.id)).toEqual(['raised', 'cleared', 'returned']);
    // Cleared again, but 47 hours is not yet the rule's 48: still open.
    await lift();
    await evaluate(3);
    await evaluate(50);
    expect((await alertsOf(partner.id))[0]!.status).toBe('open');
    await evaluate(51);
    expect((await alertsOf(partner.id))[0]!.status).toBe('resolved');
  });
});

describe('rules', () => {
  it('edits are versioned and audited; the history keeps every version', async () => {
    const rule = await saveRiskRule(conn.db, risk, { ...timelinessRule, nameEn: 'Versioned' });
    await saveRiskRule(conn.db, risk, {
      ...timelinessRule,
      id: rule.id,
      nameEn: 'Versioned',
      level: 'warning',
    });
    const disabled = await setRiskRuleEnabled(conn.db, risk, rule.id, false);
    expect(disabled).toMatchObject({ version: 3, enabled: false, level: 'warning' });
    const { versions } = await getRiskRule(conn.db, risk, rule.id);
    expect(versions.map((v) => [v.version, v.snapshot.level, v.snapshot.enabled])).toEqual([
      [3, 'warning', false],
      [2, 'warning', true],
      [1, 'critical', true],
    ]);
    const audits = await conn.db.select().from(auditLog).where(eq(auditLog.entityId, rule.id));
    expect(audits.map((a) => a.action)).toEqual(['risk_rule.saved', 'risk_rule.saved', 'risk_rule.saved']);
  });

  it('refuses an invalid threshold, window, category or KPI with 422 and the field, storing nothing', async () => {
    const [{ n: before }] = (await conn.db.select({ n: count() }).from(riskRules)) as [{ n: number }];
    const cases: [Record<string, unknown>, string][] = [
      [{ ...timelinessRule, params: { ...timelinessRule.params, windowDays: 0 } }, 'params.windowDays'],
      [{ ...timelinessRule, params: { ...timelinessRule.params, breach: 'bad' } }, 'params.breach'],
      [{ ...timelinessRule, serviceCategories: ['casino'] }, 'serviceCategories.0'],
      [
        { ...timelinessRule, params: { ...timelinessRule.params, kpiKey: 'training_compliance' } },
        'params.kpiKey',
      ],
      [{ ...timelinessRule, params: { ...timelinessRule.params, kpiKey: 'no_such_kpi' } }, 'params.kpiKey'],
      [
        {
          kind: 'training_compliance',
          nameZh: 'x',
          nameEn: 'x',
          level: 'warning',
          params: { belowPercent: 140 },
        },
        'params.belowPercent',
      ],
      [{ ...timelinessRule, level: 'apocalyptic' }, 'level'],
    ];
    for (const [input, path] of cases) {
      const error = await refused(saveRiskRule(conn.db, risk, input as unknown as RiskRuleInput));
      expect(error.status).toBe(422);
      expect(((error.details?.fields ?? []) as { path: string }[]).map((f) => f.path)).toContain(path);
    }
    const [{ n: after }] = (await conn.db.select({ n: count() }).from(riskRules)) as [{ n: number }];
    expect(after).toBe(before);
    // An existing rule keeps its kind.
    const kept = await saveRiskRule(conn.db, risk, { ...timelinessRule, nameEn: 'Kind kept' });
    const changed = await refused(
      saveRiskRule(conn.db, risk, {
        id: kept.id,
        kind: 'blacklist_hit',
        nameZh: 'x',
        nameEn: 'x',
        level: 'notice',
        params: {},
      }),
    );
    expect(changed.status).toBe(422);
    expect((await getRiskRule(conn.db, risk, kept.id)).rule).toMatchObject({
      kind: 'kpi_threshold',
      version: 1,
    });
  });

  it('only risk officers and administrators manage rules', async () => {
    const { actor: reviewer } = await makeStaff(conn.db, ['reviewer']);
    expect((await refused(saveRiskRule(conn.db, reviewer, timelinessRule))).status).toBe(403);
  });
});

describe('alert actions', () => {
  it('two people acknowledging at once: one wins, the other is told who did', async () => {
    const { alert } = await openAlert();
    const other = await makeStaff(conn.db, ['admin']);
    const results = await Promise.allSettled([
      acknowledgeRiskAlert(conn.db, risk, alert.id),
      acknowledgeRiskAlert(conn.db, other.actor, alert.id),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({
      code: 'already_decided',
      status: 409,
      messageKey: 'risk.error.alreadyAcknowledged',
    });
    const view = await getRiskAlert(conn.db, risk, alert.id);
    expect(view.alert.status).toBe('acknowledged');
    expect(view.ownerName).toBe(view.acknowledgedByName);
    expect(view.timeline.map((e) => e.kind)).toEqual(['raised', 'acknowledged']);
    expect(view.timeline[1]!.data).toMatchObject({ withinDeadline: true });
  });

  it('assigns, then resolves with a note; a resolved alert refuses further actions', async () => {
    const { alert } = await openAlert();
    const owner = await makeStaff(conn.db, ['risk_officer']);
    await assignRiskAlert(conn.db, risk, { alertId: alert.id, ownerId: owner.user.id });
    const { user: reviewerUser } = await makeStaff(conn.db, ['reviewer']);
    const badOwner = await refused(
      assignRiskAlert(conn.db, risk, { alertId: alert.id, ownerId: reviewerUser.id }),
    );
    expect(badOwner.status).toBe(422);
    const resolved = await resolveRiskAlert(conn.db, risk, {
      alertId: alert.id,
      note: 'Contract terminated.',
    });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedBy: riskUserId,
      resolutionNote: 'Contract terminated.',
      ownerId: owner.user.id,
    });
    const again = await refused(acknowledgeRiskAlert(conn.db, risk, alert.id));
    expect(again).toMatchObject({ status: 409, messageKey: 'risk.error.closed' });
    expect(await timelineOf(alert.id)).toEqual(['raised', 'assigned', 'resolved']);
  });

  it('a resolution without a note and a dismissal without a reason are refused, nothing changed', async () => {
    const { alert } = await openAlert();
    expect((await refused(resolveRiskAlert(conn.db, risk, { alertId: alert.id, note: '   ' }))).status).toBe(
      422,
    );
    expect((await refused(dismissRiskAlert(conn.db, risk, { alertId: alert.id, reason: '' }))).status).toBe(
      422,
    );
    const [row] = await conn.db.select().from(riskAlerts).where(eq(riskAlerts.id, alert.id));
    expect(row).toMatchObject({ status: 'open', resolutionNote: null, dismissalReason: null });
    expect(await timelineOf(alert.id)).toEqual(['raised']);
    const dismissed = await dismissRiskAlert(conn.db, risk, {
      alertId: alert.id,
      reason: 'Listed by mistake.',
    });
    expect(dismissed).toMatchObject({ status: 'dismissed', dismissalReason: 'Listed by mistake.' });
  });

  it('without the permission: readers read, change nothing; partners see no alerts at all', async () => {
    const { partner, alert } = await openAlert();
    const { actor: auditor } = await makeStaff(conn.db, ['auditor']);
    expect((await getRiskAlert(conn.db, auditor, alert.id)).alert.id).toBe(alert.id);
    expect((await refused(acknowledgeRiskAlert(conn.db, auditor, alert.id))).status).toBe(403);
    expect((await refused(resolveRiskAlert(conn.db, auditor, { alertId: alert.id, note: 'x' }))).status).toBe(
      403,
    );
    const { actor: own } = await makePartnerUser(conn.db, partner.id);
    const other = await makePartner(conn.db);
    const { actor: foreign } = await makePartnerUser(conn.db, other.id);
    for (const actor of [own, foreign]) {
      expect((await refused(listRiskAlerts(conn.db, actor))).status).toBe(403);
      expect((await refused(getRiskAlert(conn.db, actor, alert.id))).status).toBe(403);
      expect((await refused(acknowledgeRiskAlert(conn.db, actor, alert.id))).status).toBe(403);
    }
    const [row] = await conn.db.select().from(riskAlerts).where(eq(riskAlerts.id, alert.id));
    expect(row!.status).toBe('open');
    expect(
      (await refused(acknowledgeRiskAlert(conn.db, risk, '00000000-0000-4000-8000-000000000000'))).status,
    ).toBe(404);
  });

  it('the inbox lists open first with overdue marked, filters by level and partner; the work queue has the open ones', async () => {
    const { partner, alert } = await openAlert();
    const late = new Date(alert.responseDeadline.getTime() + HOUR);
    const page = await listRiskAlerts(conn.db, risk, { partnerId: partner.id }, late);
    expect(page.alerts).toMatchObject([{ id: alert.id, overdue: true, status: 'open' }]);
    expect((await listRiskAlerts(conn.db, risk, { partnerId: partner.id, level: 'notice' })).total).toBe(0);
    expect((await listRiskAlerts(conn.db, risk, { q: partner.legalName })).alerts.map((a) => a.id)).toContain(
      alert.id,
    );
    const queue = await staffWorkQueue(conn.db, risk);
    const group = queue.groups.find((g) => g.key === 'riskAlertsOpen');
    expect(group?.count).toBeGreaterThan(0);
    const { actor: reviewer } = await makeStaff(conn.db, ['reviewer']);
    expect((await staffWorkQueue(conn.db, reviewer)).groups.some((g) => g.key === 'riskAlertsOpen')).toBe(
      false,
    );
  });
});

describe('bulk acknowledge', () => {
  it('acknowledges each chosen alert; one someone else took first is named, the others still go through', async () => {
    const first = await openAlert();
    const second = await openAlert();
    const other = await makeStaff(conn.db, ['risk_officer']);
    await acknowledgeRiskAlert(conn.db, other.actor, second.alert.id);
    const result = await acknowledgeRiskAlerts(conn.db, risk, {
      alertIds: [first.alert.id, second.alert.id],
    });
    expect(result.acknowledged).toEqual([first.alert.id]);
    expect(result.skipped).toEqual([
      { id: second.alert.id, messageKey: 'risk.error.alreadyAcknowledged', name: other.user.displayName },
    ]);
    expect((await refused(acknowledgeRiskAlerts(conn.db, risk, { alertIds: [] }))).status).toBe(422);
    const mine = await listRiskAlerts(conn.db, risk, { mine: true, status: 'acknowledged' });
    expect(mine.alerts.map((a) => a.id)).toContain(first.alert.id);
    expect(mine.alerts.map((a) => a.id)).not.toContain(second.alert.id);
  });
});

describe('defaults', () => {
  it('a disabled rule raises nothing; the default rules are added once', async () => {
    const rule = await saveRiskRule(conn.db, risk, { ...timelinessRule, nameEn: 'Off', enabled: false });
    expect(rule.enabled).toBe(false);
    const before = (
      await conn.db.select({ n: count() }).from(riskAlerts).where(eq(riskAlerts.ruleId, rule.id))
    )[0]!.n;
    await evaluateRiskRules(conn.db);
    const after = (
      await conn.db.select({ n: count() }).from(riskAlerts).where(eq(riskAlerts.ruleId, rule.id))
    )[0]!.n;
    expect(after).toBe(before);
    expect(await ensureDefaultRiskRules(conn.db)).toBeGreaterThan(5);
    expect(await ensureDefaultRiskRules(conn.db)).toBe(0);
  });
});
