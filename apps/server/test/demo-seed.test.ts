import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type Actor,
  getReview,
  getScorecard,
  listMyCourses,
  LocalDiskStorage,
  listDocuments,
  listRiskAlerts,
  getSharedRiskAlert,
  listSharedRiskAlerts,
  riskAlertThread,
  riskResponseDashboard,
  listReviews,
  partnerNextSteps,
  personById,
  previousQuarter,
  quarterOf,
  rankPartners,
  readDocumentFile,
  requirementsFor,
  staffWorkQueue,
  systemActor,
  trainingCompliance,
  userByEmail,
} from '@outpost/core';
import {
  type DatabaseConnection,
  outbox,
  partnerMemberships,
  partners,
  riskAlertEvents,
  riskAlerts,
  riskRules,
  serviceCategories,
  trainingPeople,
  users,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { createTestDatabase } from '@outpost/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureReferenceData } from '../src/prepare.ts';
import { demoEvents, eventsStart } from '../src/seed/events.ts';
import { activePartners, applicants, seedDemo } from '../src/seed/index.ts';

let conn: DatabaseConnection;
const storage = new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-demo-files-')));

beforeAll(async () => {
  conn = await createTestDatabase();
  await ensureReferenceData(conn.db);
  await seedDemo(conn.db, storage);
}, 300_000);
afterAll(() => conn?.close());

async function actor(email: string): Promise<Actor> {
  const user = await userByEmail(conn.db, email);
  const person = await personById(conn.db, user!.id);
  return person!.actor;
}

const huaan = activePartners.find((p) => p.key === 'huaan')!;

describe('the first-run demo', () => {
  it('fills an active partner’s scorecard: KPI values, an 8-quarter trend and peer percentiles', async () => {
    const partner = await actor(huaan.admin.email);
    if (partner.type !== 'partner') throw new Error('expected a partner');
    for (const period of [quarterOf(new Date()), quarterOf(new Date(Date.now() - 92 * 86_400_000))]) {
      const card = await getScorecard(conn.db, partner, { partnerId: partner.partnerId, period });
      expect(card.score).not.toBeNull();
      expect(card.grade).toMatch(/^[A-E]$/);
      // Every KPI fed by events has a value (training compliance comes from another capability).
      const fed = card.kpis.filter((k) => k.key !== 'training_compliance');
      expect(fed.length).toBeGreaterThanOrEqual(4);
      for (const kpi of fed) expect(kpi.value, kpi.key).not.toBeNull();
      expect(card.trend).toHaveLength(8);
      for (const quarter of card.trend) expect(quarter.score, quarter.period).not.toBeNull();
      expect(card.peers.length).toBeGreaterThan(0);
      for (const peers of card.peers) {
        expect(peers.peerCount).toBeGreaterThanOrEqual(2);
        expect(peers.percentile).not.toBeNull();
      }
    }
  });

  it('ranks at least three scored partners in every service category, each with peers', async () => {
    const admin = await actor('admin@outpost.test');
    const period = quarterOf(new Date(Date.now() - 92 * 86_400_000));
    for (const category of serviceCategories) {
      const ranking = await rankPartners(conn.db, admin, { period, category });
      const scored = ranking.items.filter((r) => r.score !== null && r.rank !== null);
      expect(scored.length, category).toBeGreaterThanOrEqual(3);
      // Scores differ: the ranking has a spread, not a tie of identical demo partners.
      expect(new Set(scored.map((r) => r.score)).size, category).toBeGreaterThan(1);
    }
  });

  it('has finalised reviews with an open appeal, a rectification with evidence, and drafts to finalise', async () => {
    const risk = await actor('risk@outpost.test');
    const appealed = await listReviews(conn.db, risk, { status: 'appealed' });
    expect(appealed.items.length).toBe(1);
    const appeal = await getReview(conn.db, risk, appealed.items[0]!.id);
    expect(appeal.review.appealReason).toMatch(/复核/);
    expect((await listReviews(conn.db, risk, { status: 'acknowledged' })).items.length).toBeGreaterThan(0);
    const rectifications = await listReviews(conn.db, risk, { decision: 'rectification' });
    expect(rectifications.items.length).toBe(2);
    const withEvidence = await Promise.all(rectifications.items.map((r) => getReview(conn.db, risk, r.id)));
    const items = withEvidence.flatMap((r) => r.items);
    expect(items.some((i) => i.status === 'submitted' && i.evidence.length > 0)).toBe(true);
    expect(items.some((i) => i.status === 'closed')).toBe(true);
    const drafts = await listReviews(conn.db, risk, { status: 'draft', quarter: previousQuarter() });
    expect(drafts.total).toBe(activePartners.length);

    const queue = await staffWorkQueue(conn.db, risk);
    const count = (key: string) => queue.groups.find((g) => g.key === key)?.count;
    expect(count('reviewsToFinalise')).toBe(activePartners.length);
    expect(count('appealsToAnswer')).toBe(1);
    expect(count('rectificationsToVerify')).toBeGreaterThan(0);
  });

  it('puts a ballot in committee1’s work queue and documents in the reviewer’s', async () => {
    const member = await staffWorkQueue(conn.db, await actor('committee1@outpost.test'));
    const ballots = member.groups.find((g) => g.key === 'ballotsAwaitingVote')!;
    expect(ballots.count).toBe(1);
    expect(ballots.items[0]!.partnerName).toBe(applicants.find((a) => a.stage === 'committee')!.legalName);
    // committee2 has voted on it already: nothing waits for them.
    const voted = await staffWorkQueue(conn.db, await actor('committee2@outpost.test'));
    expect(voted.groups.find((g) => g.key === 'ballotsAwaitingVote')!.count).toBe(0);

    const reviewer = await staffWorkQueue(conn.db, await actor('reviewer@outpost.test'));
    expect(reviewer.groups.find((g) => g.key === 'documentsToReview')!.count).toBeGreaterThan(0);
    expect(reviewer.groups.find((g) => g.key === 'applicationsToAdvance')!.count).toBeGreaterThanOrEqual(3);
  });

  it('gives the partner login next steps: a finalised review to acknowledge', async () => {
    const { steps, documents } = await partnerNextSteps(conn.db, await actor(huaan.admin.email));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.some((s) => s.kind === 'respondToReview' && s.canRespond)).toBe(true);
    expect(documents).toMatchObject({ missing: 0, rejected: 0, expired: 0 });
  });

  it('has every required document of 华安 uploaded and accepted, each a real PDF or PNG', async () => {
    const partner = await actor(huaan.admin.email);
    if (partner.type !== 'partner') throw new Error('expected a partner');
    const required = (await requirementsFor(conn.db, huaan.serviceCategories)).filter((r) => r.mandatory);
    const documents = await listDocuments(conn.db, partner, partner.partnerId);
    for (const r of required) {
      expect(documents.find((d) => d.requirementId === r.id)?.status, r.key).toBe('accepted');
    }
    for (const d of documents) {
      const file = await readDocumentFile(conn.db, partner, storage, d.id);
      const bytes = Buffer.from(file.bytes);
      if (file.contentType === 'application/pdf') {
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
      } else {
        expect(file.contentType).toBe('image/png');
        expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      }
    }
  });

  it('has documents in review for one applicant and a returned one for another', async () => {
    const reviewer = await actor('reviewer@outpost.test');
    const statuses = async (email: string) => {
      const a = await actor(email);
      if (a.type !== 'partner') throw new Error('expected a partner');
      return (await listDocuments(conn.db, reviewer, a.partnerId)).map((d) => d.status);
    };
    const inReview = await statuses(applicants.find((a) => a.stage === 'documents_in_review')!.admin.email);
    expect(inReview.length).toBeGreaterThan(0);
    expect(inReview.every((s) => s === 'submitted')).toBe(true);
    expect(await statuses(applicants.find((a) => a.stage === 'document_returned')!.admin.email)).toContain(
      'rejected',
    );
  });

  it('names staff without role suffixes', async () => {
    const staff = await conn.db.select({ name: users.displayName }).from(users);
    for (const { name } of staff) expect(name).not.toMatch(/[A-Za-z()]/);
  });
});

describe('demo events', () => {
  it('are the same on every run and start eight quarters before the current one', () => {
    const first = demoEvents('t', 7, huaan.performance, '2025-01-01', '2025-03-01');
    expect(demoEvents('t', 7, huaan.performance, '2025-01-01', '2025-03-01')).toEqual(first);
    expect(first.length).toBeGreaterThan(100);
    expect(first.every((e) => e.occurredAt < '2025-02-28T16:00:00.000Z')).toBe(true);
    expect(eventsStart('2026-12-02')).toBe('2024-10-01');
    expect(eventsStart('2026-01-01')).toBe('2024-01-01');
  });
});

describe('training in the first-run demo', () => {
  it('puts every active partner’s people on a roster with a training figure', async () => {
    const active = await conn.db.select().from(partners).where(eq(partners.status, 'active'));
    expect(active.length).toBeGreaterThan(0);
    for (const partner of active) {
      const roster = await conn.db
        .select()
        .from(trainingPeople)
        .where(eq(trainingPeople.partnerId, partner.id));
      expect(roster.length).toBeGreaterThanOrEqual(4);
      const compliance = await trainingCompliance(conn.db, partner.id);
      expect(compliance?.people).toBe(roster.length);
    }
  });

  it('fills the training KPI of the agency partner’s scorecard', async () => {
    const [huaan] = await conn.db
      .select()
      .from(partners)
      .where(eq(partners.legalName, '华安保险代理有限公司'));
    const today = todayInChina();
    const period = {
      kind: 'quarter' as const,
      year: Number(today.slice(0, 4)),
      index: Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1,
    };
    const card = await getScorecard(conn.db, systemActor('test'), { partnerId: huaan!.id, period });
    const training = card.kpis.find((k) => k.key === 'training_compliance');
    expect(typeof training?.value).toBe('number');
    expect(training?.sampleSize).toBeGreaterThan(0);
  });

  it('leaves the demo member a course to take, one passed and one overdue', async () => {
    const [member] = await conn.db
      .select({ userId: users.id, partnerId: partnerMemberships.partnerId })
      .from(users)
      .innerJoin(partnerMemberships, eq(partnerMemberships.userId, users.id))
      .where(eq(users.email, 'partner.member@huaan-agency.test'));
    const actor = {
      type: 'partner' as const,
      userId: member!.userId,
      partnerId: member!.partnerId,
      role: 'partner_member' as const,
    };
    const courses = await listMyCourses(conn.db, actor);
    expect(courses.map((c) => c.status)).toEqual(expect.arrayContaining(['passed', 'to_do']));
    expect(courses.find((c) => c.category === 'law_ethics')).toMatchObject({
      status: 'to_do',
      attemptsUsed: 0,
    });
  });
});

describe('training reminders in the first-run demo', () => {
  it('has a 3-day reminder for the demo member and an overdue digest for the administrator, each sent once', async () => {
    const { runTrainingReminders } = await import('@outpost/core');
    const { notifications } = await import('@outpost/db');
    const first = await runTrainingReminders(conn.db);
    expect(first.reminded).toBeGreaterThan(0);
    expect(first.overdueDigests).toBeGreaterThan(0);
    expect(await runTrainingReminders(conn.db)).toEqual({
      reminded: 0,
      overdueDigests: 0,
      noticeReminders: 0,
    });
    const member = await userByEmail(conn.db, 'partner.member@huaan-agency.test');
    const admin = await userByEmail(conn.db, huaan.admin.email);
    const inbox = (id: string) =>
      conn.db.select().from(notifications).where(eq(notifications.recipientId, id));
    expect(
      (await inbox(member!.id)).filter((n) => n.template === 'notify.training_due').map((n) => n.params.days),
    ).toContain(3);
    expect((await inbox(admin!.id)).filter((n) => n.template === 'notify.training_overdue')).toHaveLength(1);
  });
  it('has open risk alerts at every level (one past its deadline), an acknowledged and a resolved one', async () => {
    const risk = await actor('risk@outpost.test');
    const { alerts } = await listRiskAlerts(conn.db, risk, { status: 'all' });
    const open = alerts.filter((a) => a.status === 'open');
    expect(new Set(open.map((a) => a.level))).toEqual(new Set(['notice', 'warning', 'critical']));
    expect(open.some((a) => a.overdue && a.partnerName.includes('恒泰'))).toBe(true);
    expect(alerts.some((a) => a.status === 'acknowledged' && a.ownerName === '孙立华')).toBe(true);
    // Closed alerts are many (the response history, decision record 036): look for 瑞丰's by name.
    const resolved = await listRiskAlerts(conn.db, risk, { status: 'resolved', q: '瑞丰' });
    expect(resolved.alerts.some((a) => a.partnerName.includes('瑞丰'))).toBe(true);
    const queue = await staffWorkQueue(conn.db, risk);
    expect(queue.groups.find((g) => g.key === 'riskAlertsOpen')?.count).toBeGreaterThanOrEqual(3);
  });
  it('has the overdue critical alert escalated, and every alert’s Slack card queued for the risk channels', async () => {
    const [escalated] = await conn.db
      .select()
      .from(riskAlerts)
      .where(and(eq(riskAlerts.status, 'open'), eq(riskAlerts.escalationStep, 2)));
    expect(escalated?.level).toBe('critical');
    const events = await conn.db
      .select()
      .from(riskAlertEvents)
      .where(eq(riskAlertEvents.alertId, escalated!.id));
    expect(events.map((e) => e.kind)).toContain('escalated');
    const posts = await conn.db
      .select({ target: outbox.target })
      .from(outbox)
      .where(sql`${outbox.payload}->>'kind' = 'risk_alert_post'`);
    expect(new Set(posts.map((p) => p.target))).toEqual(
      new Set(['channel:risk-notice', 'channel:risk-warning', 'channel:risk-critical']),
    );
  });
});

describe('risk alerts shared with partners in the first-run demo', () => {
  it('has two shared alerts with a partner reply and evidence, an internal note the partner never sees, and response figures', async () => {
    const risk = await actor('risk@outpost.test');
    const hengtai = await actor('admin@hengtai-sales.test');
    const mingcheng = await actor('admin@mingcheng-adjusters.test');
    for (const partner of [hengtai, mingcheng]) {
      const { alerts } = await listSharedRiskAlerts(conn.db, partner);
      expect(alerts.length).toBeGreaterThanOrEqual(1);
      const view = await getSharedRiskAlert(conn.db, partner, alerts[0]!.id);
      expect(view.comments.some((c) => c.from === 'partner')).toBe(true);
      expect(view.comments.some((c) => c.from === 'staff')).toBe(true);
      expect(view.files.length).toBe(1);
      expect(view.comments.every((c) => c.visibility === 'partner')).toBe(true);
    }
    const [shared] = (await listSharedRiskAlerts(conn.db, hengtai)).alerts;
    const thread = await riskAlertThread(conn.db, risk, shared!.id);
    expect(thread.comments.filter((c) => c.visibility === 'internal')).toHaveLength(1);
    const figures = await riskResponseDashboard(conn.db, risk);
    for (const level of figures.levels) {
      expect(level.months.filter((m) => m.due > 0).length).toBeGreaterThanOrEqual(10);
      expect(level.total.medianMinutes).not.toBeNull();
    }
    expect(figures.total.share).toBeGreaterThan(0.3);
    expect(figures.total.share).toBeLessThan(1);
  });
});

describe('policy notices in the first-run demo', () => {
  it('has an unread regulation to confirm and a risk bulletin for the 华安 member, confirmed so far by administrators', async () => {
    const { listMyNotices, partnerNoticeConfirmation } = await import('@outpost/core');
    const member = await actor('partner.member@huaan-agency.test');
    const mine = await listMyNotices(conn.db, member);
    expect(mine.map((n) => [n.kind, n.unread, n.awaitingConfirmation])).toEqual(
      expect.arrayContaining([
        ['regulation', true, true],
        ['risk_bulletin', true, false],
      ]),
    );
    const admin = await actor(huaan.admin.email);
    if (admin.type !== 'partner') throw new Error('not a partner');
    const { summary } = await partnerNoticeConfirmation(conn.db, admin, admin.partnerId);
    // The administrator confirmed; the member and the people without accounts have not yet.
    expect(summary.confirmed).toBe(1);
    expect(summary.owed).toBeGreaterThan(1);
    expect(summary.overdue).toBe(0);
  });
});

describe('training follow-ups in the first-run demo (decision record 032)', () => {
  it('tells the 华安 member a notice is to confirm, lists confirmations in the export, and has a training key', async () => {
    const { apiKeys } = await import('@outpost/db');
    const { ownTrainingPeople, trainingRecords } = await import('@outpost/core');
    const member = await actor('partner.member@huaan-agency.test');
    const { steps } = await partnerNextSteps(conn.db, member);
    expect(steps.find((s) => s.kind === 'confirmNotices')).toMatchObject({
      count: 1,
      overdue: false,
      href: '/p/training/notices',
    });
    const admin = await actor(huaan.admin.email);
    const records = await trainingRecords(conn.db, admin, { locale: 'zh-CN' });
    const statuses = records.notices.rows.map((r) => r[6]);
    expect(statuses).toContain('已确认');
    expect(statuses).toContain('待确认');
    if (admin.type !== 'partner') throw new Error('not a partner');
    const keys = await conn.db.select().from(apiKeys).where(eq(apiKeys.partnerId, admin.partnerId));
    const training = keys.find((k) => k.scopes.includes('training'));
    expect(training).toBeDefined();
    const roster = await ownTrainingPeople(conn.db, {
      type: 'api_key',
      keyId: training!.id,
      partnerId: admin.partnerId,
      scopes: training!.scopes,
    });
    expect(roster.total).toBeGreaterThan(0);
  });
});

describe('contracts in the first-run demo (decision record 037)', () => {
  it('has an active signed contract with SLA targets per active partner, one ending within 60 days, one in legal review, one draft', async () => {
    const { listContracts, getContract, signedContractFile } = await import('@outpost/core');
    const legal = await actor('legal@outpost.test');
    const { items } = await listContracts(conn.db, legal, { pageSize: 100 });
    // In force: active, expiring, or renewed (明诚's, decision record 047).
    const active = items.filter((c) => ['active', 'expiring', 'renewed'].includes(c.status));
    expect(new Set(active.map((c) => c.partnerId)).size).toBe(activePartners.length);
    expect(items.filter((c) => c.status === 'expiring').map((c) => c.partnerName)).toEqual([
      expect.stringContaining('鼎信'),
    ]);
    const soon = new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + 60 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(active.filter((c) => c.endDate <= soon).map((c) => c.partnerName)).toEqual([
      expect.stringContaining('鼎信'),
    ]);
    const review = items.find((c) => c.status === 'legal_review')!;
    expect((await getContract(conn.db, legal, review.id)).changes.map((c) => c.kind)).toEqual([
      'subcontracting',
    ]);
    expect(items.some((c) => c.status === 'draft')).toBe(true);
    // The partner sees its own active contract and its countersigned copy, intact.
    const admin = await actor(huaan.admin.email);
    const own = await listContracts(conn.db, admin);
    expect(own.items.map((c) => c.status)).toEqual(['active']);
    const contract = await getContract(conn.db, admin, own.items[0]!.id);
    expect(contract.version.slaTargets.length).toBeGreaterThan(0);
    const file = await signedContractFile(conn.db, admin, storage, contract.id);
    expect(file.contentType).toBe('application/pdf');
  });
});

describe('risk incidents in the first-run demo (decision record 035)', () => {
  it('has two bilingual plans, an open incident from 恒泰’s alert with a verified task and one awaiting evidence, and a closed one', async () => {
    const { getPartnerIncident, getRiskIncident, listEmergencyPlans, listRiskIncidents } = await import(
      '@outpost/core'
    );
    const risk = await actor('risk@outpost.test');
    const plans = await listEmergencyPlans(conn.db, risk);
    expect(plans).toHaveLength(2);
    for (const p of plans) {
      expect(p.titleZh).not.toBe('');
      expect(p.titleEn).not.toBe('');
      expect(p.stepsZh.length).toBe(p.stepsEn.length);
    }
    const { incidents } = await listRiskIncidents(conn.db, risk, { status: 'all' });
    const open = incidents.find((i) => i.status === 'contained' && i.partnerName.includes('恒泰'));
    expect(open).toBeDefined();
    const view = await getRiskIncident(conn.db, risk, open!.id);
    expect(view.alert?.level).toBe('critical');
    expect(view.incident.plan?.stepsZh.length).toBeGreaterThan(0);
    expect(view.tasks.map((t) => t.status).sort()).toEqual(['open', 'verified']);
    expect(incidents.some((i) => i.status === 'closed' && i.partnerName.includes('瑞丰'))).toBe(true);
    // The partner sees the incident with its two tasks.
    const hengtai = await actor('admin@hengtai-sales.test');
    expect((await getPartnerIncident(conn.db, hengtai, open!.id)).tasks).toHaveLength(2);
  });
});

describe('a contract amendment in the first-run demo (decision record 040)', () => {
  it('华安’s active contract has an amendment in approval: reviewed by legal, one approver of two, the contract still active', async () => {
    const { approvalState, contractAmendment, listContracts, staffWorkQueue } = await import('@outpost/core');
    const legal = await actor('legal@outpost.test');
    const { items } = await listContracts(conn.db, legal, { q: '华安', pageSize: 100 });
    const contract = items.find((c) => c.status === 'active')!;
    const amendment = await contractAmendment(conn.db, legal, contract.id);
    expect(amendment).toMatchObject({
      status: 'approval',
      inForceVersion: 1,
      version: { kind: 'amendment' },
    });
    expect(amendment!.reason).toContain('年度金额');
    expect(amendment!.changes.terms).toEqual(['annualValueCents']);
    expect(amendment!.changes.sla).toBe(true);
    expect((await approvalState(conn.db, legal, contract.id)).tally).toMatchObject({
      approve: 1,
      pending: 1,
    });
    // The administrator, the second approver, has it waiting; the partner sees nothing of it yet.
    const admin = await actor('admin@outpost.test');
    const queue = await staffWorkQueue(conn.db, admin, { limit: 50 });
    const group = queue.groups.find((g) => g.key === 'contractsAwaitingApproval')!;
    expect(group.items.map((i) => i.href)).toContain(
      `/s/contracts/${contract.id}/amendment#contract-approval`,
    );
    expect(await contractAmendment(conn.db, await actor(huaan.admin.email), contract.id)).toBeNull();
  });
});

describe('contract and concentration alerts in the first-run demo (decision record 041)', () => {
  it('has 鼎信’s contract ending without renewal and 数智 above half of the IT category’s cases', async () => {
    const rows = await conn.db
      .select({ kind: riskRules.kind, evidence: riskAlerts.evidence, partnerName: partners.legalName })
      .from(riskAlerts)
      .innerJoin(riskRules, eq(riskRules.id, riskAlerts.ruleId))
      .innerJoin(partners, eq(partners.id, riskAlerts.partnerId))
      .where(eq(riskAlerts.status, 'open'));
    const lapsing = rows.filter((r) => r.kind === 'contract_lapsing');
    expect(lapsing.map((r) => r.partnerName)).toEqual([expect.stringContaining('鼎信')]);
    expect(lapsing[0]!.evidence).toMatchObject({
      state: 'ending',
      href: expect.stringMatching(/^\/s\/contracts\//),
    });
    const concentrated = rows.filter((r) => r.kind === 'concentration');
    expect(concentrated.map((r) => [r.partnerName, r.evidence.serviceCategory])).toContainEqual([
      expect.stringContaining('数智'),
      'it',
    ]);
  });
});

describe('the contract archive in the first-run demo (decision record 039)', () => {
  it('has register fields on the active contracts, 鼎信’s incomplete, and a returned version with a diff', async () => {
    const { contractRegister, contractHistory, contractVersionDiff, searchContracts } = await import(
      '@outpost/core'
    );
    const legal = await actor('legal@outpost.test');
    const { items } = await searchContracts(conn.db, legal, { pageSize: 100 });
    const active = items.filter((c) => c.status === 'active');
    expect(active.length).toBeGreaterThan(5);
    for (const c of active) {
      const register = await contractRegister(conn.db, legal, c.id);
      expect(register.complete, c.partnerName).toBe(true);
      expect(register.stored.functionDescription).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*$/);
    }
    const expiring = items.find((c) => c.status === 'expiring')!;
    expect((await contractRegister(conn.db, legal, expiring.id)).missing).toEqual(['criticalityAssessedOn']);
    const review = items.find((c) => c.status === 'legal_review')!;
    const history = await contractHistory(conn.db, legal, review.id);
    expect(history.versions.map((v) => v.state)).toEqual(['returned', 'legal_review']);
    expect(history.reviews[0]!.comments).toContain('90');
    const diff = await contractVersionDiff(conn.db, legal, review.id, 2);
    expect(diff.terms.map((t) => t.field)).toEqual(['noticeDays']);
    // The search finds clause text in either language, and the clause kind filter uses the current version.
    expect((await searchContracts(conn.db, legal, { q: '核心服务分包' })).items.map((c) => c.id)).toEqual([
      review.id,
    ]);
    expect((await searchContracts(conn.db, legal, { endsWithinDays: 60 })).items.map((c) => c.id)).toEqual([
      expiring.id,
    ]);
  });
});

describe('demo: quarterly target dashboard (decision record 046)', () => {
  it('fills the last eight quarters, names a non-compliant partner and why, and measures satisfaction', async () => {
    const { targetDashboard } = await import('@outpost/core');
    const d = await targetDashboard(conn.db, await actor('auditor@outpost.test'));
    expect(d.trend.compliance).toHaveLength(8);
    expect(d.trend.compliance.every((q) => q.value !== null)).toBe(true);
    expect(d.nonCompliant.length).toBeGreaterThan(0);
    expect(d.nonCompliant[0]!.reasons!.length).toBeGreaterThan(0);
    expect(d.baseline).toBe(d.quarters[4]);
    expect(d.current.satisfaction.value).not.toBeNull();
    expect(d.trend.risk_response.some((q) => q.value !== null)).toBe(true);
    expect(d.partners.some((p) => p.region === 'east')).toBe(true);
  });
});

describe('two-step sign-in in the first-run demo (decision record 043)', () => {
  it('has the requirement switched off, so every demo login works with the password, and fills the admin’s session list', async () => {
    const { getSetting } = await import('@outpost/core');
    const { listOwnSessions, mfaRequirement } = await import('@outpost/auth');
    expect((await getSetting(conn.db, 'auth.mfa')).requiredRoles).toEqual([]);
    const admin = await actor('admin@outpost.test');
    expect((await mfaRequirement(conn.db, admin)).required).toBe(false);
    const list = await listOwnSessions(conn.db, admin, 'none');
    expect(list.map((s) => s.place).sort()).toEqual(['local_network', 'unknown']);
    expect(list.map((s) => s.device.os).sort()).toEqual(['Windows', 'iOS']);
  });
});

describe('the demo’s people and departments (decision record 042)', () => {
  it('puts every demo staff member in a department, keeps one invitation waiting and one person deactivated', async () => {
    const { listStaff, pendingStaffInvitations } = await import('@outpost/core');
    const admin = await actor('admin@outpost.test');
    const staff = await listStaff(conn.db, admin, { pageSize: 100 });
    const active = staff.items.filter((p) => p.status === 'active');
    expect(active.length).toBeGreaterThanOrEqual(8);
    for (const p of active) expect(p.department, p.email).not.toBeNull();
    expect(staff.items.find((p) => p.email === 'former.analyst@outpost.test')).toMatchObject({
      status: 'disabled',
      department: { key: 'risk' },
    });
    expect((await pendingStaffInvitations(conn.db, admin)).map((i) => i.email)).toEqual([
      'new.reviewer@outpost.test',
    ]);
  });
});

describe('contract execution in the first-run demo (decision record 038)', () => {
  it('has results for the months since the last quarter began and that quarter, with exactly one breach and its alert', async () => {
    const { contractExecutionResults } = await import('@outpost/db');
    const { listContractExecution, listWorstExecution } = await import('@outpost/core');
    const rows = await conn.db.select().from(contractExecutionResults);
    const kinds = new Set(rows.map((r) => r.periodKind));
    expect(kinds).toEqual(new Set(['month', 'quarter']));
    const missed = rows.flatMap((r) =>
      r.slaResults
        .filter((s) => s.outcome === 'missed')
        .map((s) => `${r.contractId}:${s.period}:${s.kpiKey}:${s.actual}:${s.target}`),
    );
    // One missed service level in the newest month (a quarter restates its months, so count distinct).
    expect(new Set(missed).size, missed.join('\n')).toBe(1);
    const breached = rows.filter((r) => r.missed > 0);
    expect(breached.every((r) => r.creditCents > 0)).toBe(true);
    const risk = await actor('risk@outpost.test');
    const { alerts } = await listRiskAlerts(conn.db, risk, { status: 'all' });
    expect(alerts.filter((a) => a.kind === 'contract_breach')).toHaveLength(1);
    const worst = await listWorstExecution(conn.db, risk, { period: breached[0]!.period });
    expect(worst.rows[0]!.missed).toBe(1);
    // The partner reads its own results.
    const partnerId = breached[0]!.partnerId;
    const [member] = await conn.db
      .select({ email: users.email })
      .from(partnerMemberships)
      .innerJoin(users, eq(users.id, partnerMemberships.userId))
      .where(and(eq(partnerMemberships.partnerId, partnerId), eq(partnerMemberships.role, 'partner_admin')));
    const own = await listContractExecution(conn.db, await actor(member!.email), breached[0]!.contractId);
    expect(own.some((r) => r.missed === 1)).toBe(true);
  });
});

describe('demo: the outsourcing register (decision record 052)', () => {
  it('has one incomplete arrangement (鼎信’s, no criticality assessment) and every other complete', async () => {
    const { registerReport, partnersWithoutArrangement, exportDoraRegister } = await import('@outpost/core');
    const auditor = await actor('auditor@outpost.test');
    const report = await registerReport(conn.db, auditor);
    expect(report.total).toBeGreaterThan(5);
    const incomplete = report.entries.filter((e) => !e.complete);
    expect(incomplete.map((e) => [e.record.providerName, e.missing])).toEqual([
      [expect.stringContaining('鼎信'), ['criticalityAssessedOn']],
    ]);
    // Critical and important arrangements hold their own fields, filled from live data where it exists.
    const critical = report.entries.find((e) => e.record.criticality === 'critical')!;
    expect(critical.record).toMatchObject({
      rtoHours: 4,
      approvedBy: expect.arrayContaining([expect.any(String)]),
    });
    for (const p of await partnersWithoutArrangement(conn.db, auditor)) {
      expect(p.fields?.substitutability, p.legalName).toBeDefined();
    }
    const dora = await exportDoraRegister(conn.db, auditor);
    expect(dora.arrangements).toBe(report.total);
  });
});

describe('contract renewals in the first-run demo (decision record 047)', () => {
  it('has a renewed contract in force with its new term, a renewal under way on the expiring one, and the latest draft reviews with the execution figure', async () => {
    const { contractAmendment, listContracts, searchContracts, previousQuarter } = await import(
      '@outpost/core'
    );
    const { quarterlyReviews } = await import('@outpost/db');
    const legal = await actor('legal@outpost.test');
    const { items } = await listContracts(conn.db, legal, { pageSize: 100 });
    const renewed = items.filter((c) => c.status === 'renewed');
    expect(renewed.map((c) => c.partnerName)).toEqual([expect.stringContaining('明诚')]);
    expect(renewed[0]!.version).toBe(2);
    expect(renewed[0]!.underWay).toBeNull();
    const expiring = items.find((c) => c.status === 'expiring')!;
    expect(expiring.underWay).toBe('renewal');
    const renewal = await contractAmendment(conn.db, legal, expiring.id);
    expect(renewal).toMatchObject({ status: 'approval', version: { renewal: true } });
    expect(renewal!.version.terms.endDate > expiring.endDate).toBe(true);
    const huaanContract = items.find((c) => c.partnerName.includes('华安'))!;
    expect(huaanContract.underWay).toBe('amendment');
    // The archive list shows the same markers.
    const archive = await searchContracts(conn.db, legal, { pageSize: 100 });
    expect(archive.items.find((c) => c.id === expiring.id)?.underWay).toBe('renewal');
    // The latest quarter's draft reviews were re-frozen with the contract execution figure.
    const drafts = await conn.db
      .select()
      .from(quarterlyReviews)
      .where(
        and(eq(quarterlyReviews.quarter, previousQuarter(new Date())), eq(quarterlyReviews.status, 'draft')),
      );
    expect(drafts.length).toBeGreaterThan(0);
    for (const review of drafts) {
      expect(review.snapshot.contractExecution?.contracts.length ?? 0).toBeGreaterThan(0);
    }
  });
});

describe('incentives in the first-run demo (decision record 048)', () => {
  it('has tiers for every category, last quarter’s rewards and penalties (one awaiting approval in Slack, one on hold) and allocation tables adding up to 100 %', async () => {
    const { incentiveRecords, incentiveTierSets } = await import('@outpost/db');
    const { listAllocations, listIncentiveRecords } = await import('@outpost/core');
    const sets = await conn.db.select().from(incentiveTierSets);
    expect(new Set(sets.map((s) => s.serviceCategory))).toEqual(new Set(serviceCategories));
    const records = await conn.db.select().from(incentiveRecords);
    const kinds = new Set(records.map((r) => r.kind));
    expect(kinds.has('reward')).toBe(true);
    expect(kinds.has('penalty') || kinds.has('neutral')).toBe(true);
    expect(records.some((r) => r.status === 'applied')).toBe(true);
    // The open appeal (明诚) holds its records.
    expect(records.some((r) => r.status === 'on_hold')).toBe(true);
    const pending = records.filter((r) => r.status === 'pending_approval');
    expect(pending.length).toBeGreaterThan(0);
    // Each pending record asked its approvers in Slack (outbox ballots).
    const ballots = (await conn.db.select().from(outbox)).filter(
      (r) => (r.payload as { kind?: string }).kind === 'incentive_ballot',
    );
    expect(ballots.length).toBe(pending.length * 2);
    const risk = await actor('risk@outpost.test');
    const tables = await listAllocations(conn.db, risk);
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      if (table.shares.some((s) => s.weight > 0)) {
        expect(table.shares.reduce((n, s) => n + s.shareBasisPoints, 0)).toBe(10_000);
      }
    }
    // A partner reads only its own records.
    const partnerId = records[0]!.partnerId;
    const [member] = await conn.db
      .select({ email: users.email })
      .from(partnerMemberships)
      .innerJoin(users, eq(users.id, partnerMemberships.userId))
      .where(and(eq(partnerMemberships.partnerId, partnerId), eq(partnerMemberships.role, 'partner_admin')));
    const own = await listIncentiveRecords(conn.db, await actor(member!.email));
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.partnerId === partnerId)).toBe(true);
  });
});

describe('the quarterly management report in the first-run demo (decision record 051)', () => {
  it('has the last closed quarter’s report ready, PDF and XLSX in both languages, readable by an auditor', async () => {
    const { listManagementReports, managementReportFile, previousQuarter } = await import('@outpost/core');
    const { pdfText } = await import('@outpost/pdf/testing');
    const auditor = await actor('auditor@outpost.test');
    const reports = await listManagementReports(conn.db, auditor);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ quarter: previousQuarter(), status: 'ready', trigger: 'seed' });
    expect(reports[0]!.files.map((f) => `${f.locale}.${f.format}`)).toEqual([
      'en.pdf',
      'en.xlsx',
      'zh-CN.pdf',
      'zh-CN.xlsx',
    ]);
    const zh = await managementReportFile(conn.db, auditor, storage, {
      reportId: reports[0]!.id,
      locale: 'zh-CN',
      format: 'pdf',
    });
    const text = (await pdfText(zh.bytes)).text.replace(/\s+/g, '');
    expect(text).toContain('季度管理报告');
    expect(text).toContain('合作机构合规率');
  });
});

describe('continuity and ownership in the first-run demo (decision record 050)', () => {
  it('has an exit plan per critical partner (one due for review), IT flagged for concentration, and owners everywhere', async () => {
    const core = await import('@outpost/core');
    const db = await import('@outpost/db');
    const risk = await actor('risk@outpost.test');
    const plans = await core.listExitPlans(conn.db, risk);
    const critical = activePartners.filter((p) => p.criticality === 'critical').map((p) => p.legalName);
    for (const name of critical) {
      expect(plans.find((p) => p.legalName === name)?.plan, name).not.toBeNull();
    }
    expect(plans.filter((p) => p.state === 'overdue').map((p) => p.legalName)).toEqual([
      '金盾风险管理有限公司',
    ]);
    // Important partners have none yet: the list flags them.
    expect(plans.some((p) => p.state === 'missing' && p.criticality === 'important')).toBe(true);
    const shuzhi = plans.find((p) => p.legalName === '数智信息技术有限公司')!;
    expect(shuzhi.plan?.version).toBe(2);
    // The first reminder run tells the owner of the due plan, once.
    expect(await core.remindDueExitPlans(conn.db)).toEqual({ reminded: 1 });
    expect(await core.remindDueExitPlans(conn.db)).toEqual({ reminded: 0 });

    const view = await core.concentrationView(conn.db, risk, { today: todayInChina() });
    const it = view.categories.find((c) => c.category === 'it')!;
    expect(it.flags).toContain('above_limit');
    expect(it.volume.shares[0]!.legalName).toBe('数智信息技术有限公司');
    for (const c of view.categories.filter((x) => x.volume.shares.length > 0)) {
      expect(c.volume.shares.reduce((s, x) => s + x.percent, 0)).toBeCloseTo(100, 6);
    }

    const unowned = async (table: typeof db.partners | typeof db.contracts | typeof db.rectificationItems) =>
      (await conn.db.select({ d: table.departmentId }).from(table)).filter((r) => r.d === null).length;
    const activeIds = (
      await conn.db.select({ id: db.partners.id }).from(db.partners).where(eq(db.partners.status, 'active'))
    ).map((r) => r.id);
    const partnerRows = await conn.db
      .select({ d: db.partners.departmentId, o: db.partners.relationshipOwnerId, id: db.partners.id })
      .from(db.partners);
    expect(partnerRows.filter((r) => activeIds.includes(r.id) && (!r.d || !r.o))).toHaveLength(0);
    expect(await unowned(db.contracts)).toBe(0);
    expect(await unowned(db.rectificationItems)).toBe(0);
    const live = await conn.db
      .select({ d: db.riskAlerts.departmentId, o: db.riskAlerts.ownerId, s: db.riskAlerts.status })
      .from(db.riskAlerts);
    expect(live.filter((a) => ['open', 'acknowledged'].includes(a.s) && (!a.d || !a.o))).toHaveLength(0);
    // The lists filter by them: legal's contracts are legal's.
    const legalDept = (await core.listDepartments(conn.db)).find((d) => d.key === 'legal')!;
    const legalContracts = await core.searchContracts(conn.db, risk, { departmentId: legalDept.id });
    expect(legalContracts.total).toBeGreaterThan(0);
    expect(legalContracts.items.every((c) => c.departmentId === legalDept.id)).toBe(true);
  });
});

describe('supervision and the auditor view in the first-run demo (decision record 053)', () => {
  it('has a supervision task with a finding linked to a rectification item, and the auditor reads the log and verifies it', async () => {
    const { getSupervisionTask, listSupervisionTasks, searchAuditLog, verifyAuditLog } = await import(
      '@outpost/core'
    );
    const auditor = await actor('auditor@outpost.test');
    const { tasks } = await listSupervisionTasks(conn.db, auditor, {});
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: 'open', overdue: false, regions: ['east'], findings: 1 });
    const view = await getSupervisionTask(conn.db, auditor, tasks[0]!.id);
    expect(view.findings[0]!.items).toHaveLength(1);
    expect(['open', 'submitted']).toContain(view.findings[0]!.items[0]!.status);
    const created = await searchAuditLog(conn.db, auditor, { action: 'supervision.' });
    expect(created.entries.map((e) => e.action).sort()).toEqual([
      'supervision.finding_added',
      'supervision.task_created',
    ]);
    const verified = await verifyAuditLog(conn.db, auditor);
    expect(verified.report).toMatchObject({ ok: true });
    expect(verified.total).toBeGreaterThan(100);
  });
});

describe('termination in the first-run demo (decision record 049)', () => {
  it('has 华信 exiting with an approved case, 瑞丰 as successor, the hand-over submitted and open tasks', async () => {
    const { listTerminationCases, getTerminationCase } = await import('@outpost/core');
    const risk = await actor('risk@outpost.test');
    const cases = await listTerminationCases(conn.db, risk, { status: 'approved' });
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      partnerName: expect.stringContaining('华信'),
      successorName: expect.stringContaining('瑞丰'),
      departmentEn: expect.any(String),
      responsibleName: expect.any(String),
    });
    const view = await getTerminationCase(conn.db, risk, cases[0]!.id);
    const byKey = Object.fromEntries(view.tasks.map((t) => [t.key, t.status]));
    expect(byKey).toMatchObject({
      handover: 'submitted',
      settlement: 'done',
      data_destruction: 'open',
      equipment: 'open',
    });
    expect(view.earliestAllowedDate).toBe(view.effectiveDate);
    const [leaving] = await conn.db.select().from(partners).where(eq(partners.id, view.partnerId));
    expect(leaving!.status).toBe('exiting');
  });
});

describe('our legal entity in the first-run demo (decision record 060)', () => {
  it('is set with a valid LEI, so the register is complete for it and the DORA zip is not refused', async () => {
    const { exportDoraRegister, getSetting, leiProblem, registerReport } = await import('@outpost/core');
    const entity = await getSetting(conn.db, 'register.entity');
    expect(entity).toMatchObject({ country: 'CN', entityType: 'insurance_undertaking' });
    expect(leiProblem(entity!.lei)).toBeNull();
    const auditor = await actor('auditor@outpost.test');
    expect((await registerReport(conn.db, auditor)).entityMissing).toEqual([]);
    await expect(exportDoraRegister(conn.db, auditor)).resolves.toMatchObject({
      arrangements: expect.any(Number),
    });
  });
});

describe('the blacklist in the first-run demo (demo audit)', () => {
  it('has two live entries added by legal, none of them a partner, and nobody suspended by them', async () => {
    const { listBlacklist, searchAuditLog } = await import('@outpost/core');
    const { demoBlacklist } = await import('../src/seed/blacklist.ts');
    const legal = await actor('legal@outpost.test');
    const list = await listBlacklist(conn.db, legal);
    expect(list.total).toBe(2);
    expect(list.items.map((e) => e.creditCode).sort()).toEqual(demoBlacklist.map((e) => e.creditCode).sort());
    const listed = await conn.db
      .select()
      .from(partners)
      .where(
        inArray(
          partners.creditCode,
          demoBlacklist.map((e) => e.creditCode),
        ),
      );
    expect(listed).toHaveLength(0);
    const entries = await searchAuditLog(conn.db, await actor('auditor@outpost.test'), {
      action: 'blacklist.added',
    });
    expect(entries.entries).toHaveLength(2);
  });
});

describe('free text in the first-run demo is typed in one language (demo audit)', () => {
  /** A Latin word of three letters or more next to Chinese: text typed half in one language, half in the other. */
  const mixed = (text: string) =>
    /[\u4e00-\u9fff]/.test(text) && /[A-Za-z]{3,}/.test(text.replace(/Outpost/g, ''));

  it('has a Chinese termination reason, Chinese tier names, register descriptions and a Chinese competent authority', async () => {
    const { incentiveTierSets, terminationCases } = await import('@outpost/db');
    const { contractRegister, getSetting, searchContracts } = await import('@outpost/core');
    const [termination] = await conn.db.select({ reason: terminationCases.reason }).from(terminationCases);
    expect(termination!.reason).toContain('收归总部');
    expect(mixed(termination!.reason)).toBe(false);
    const tierNames = (await conn.db.select().from(incentiveTierSets)).flatMap((s) =>
      s.tiers.map((t) => t.name),
    );
    expect(new Set(tierNames)).toEqual(new Set(['卓越', '良好', '合格', '待改进', '不合格']));
    const entity = await getSetting(conn.db, 'register.entity');
    expect(entity!.competentAuthority).toBe('国家金融监督管理总局');
    const legal = await actor('legal@outpost.test');
    const texts: string[] = [];
    for (const c of (await searchContracts(conn.db, legal, { pageSize: 100 })).items) {
      const { stored } = await contractRegister(conn.db, legal, c.id);
      texts.push(
        ...[
          stored.functionDescription,
          stored.dataDescription,
          stored.criticalityReason,
          stored.exitNotes,
        ].filter((t): t is string => typeof t === 'string'),
      );
    }
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.filter(mixed)).toEqual([]);
  });
});
