import { type DatabaseConnection, partners, rowsOf } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { todayInChina } from '@outpost/i18n';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPerson,
  assignCourse,
  courseForLearner,
  createCourse,
  partnerTrainingDetail,
  recordTrainingCompliance,
  submitAttempt,
  trainingOverview,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

// Completions are dated the real today, so the dashboard is read as of today; the due date is past.
const TODAY = todayInChina();
const PAST = new Date(Date.parse(`${TODAY}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const course = {
  category: 'law_ethics' as const,
  titleZh: '反洗钱',
  titleEn: 'Anti-money laundering',
  bodyZh: '内容',
  bodyEn: 'Content',
  creditHours: 40,
  passMark: 100,
  attemptLimit: 3,
  questions: [
    {
      kind: 'single' as const,
      promptZh: '可疑交易要报告吗？',
      promptEn: 'Report suspicious transactions?',
      options: [
        { zh: '是', en: 'Yes' },
        { zh: '否', en: 'No' },
      ],
      correct: [0],
    },
  ],
};

let n = 0;
async function partnerWithPeople(name: string, people: number) {
  const partner = await makePartner(conn.db, { legalName: name });
  const { actor: admin } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  const learners = [];
  for (let i = 0; i < people; i++) {
    const { user, actor } = await makePartnerUser(conn.db, partner.id, 'partner_member');
    const person = await addPerson(conn.db, admin, {
      name: `学员${++n}`,
      staffNumber: `EMP${String(n).padStart(6, '0')}`,
      jobRole: '客户经理',
      serviceCategory: 'agency',
      startDate: '2025-01-01',
      userId: user.id,
    });
    learners.push({ actor, person });
  }
  return { partner, admin, learners };
}

async function pass(learner: Awaited<ReturnType<typeof makePartnerUser>>['actor'], courseId: string) {
  const view = await courseForLearner(conn.db, learner, courseId);
  await submitAttempt(conn.db, learner, {
    courseId,
    versionId: view.versionId,
    attempt: view.attempt,
    answers: { q1: [0] },
  });
}

describe('training dashboard', () => {
  it('ranks partners worst first from the KPI figures, counts overdue people, and drills down to people', async () => {
    const { actor: staff } = await makeStaff(conn.db, ['risk_officer']);
    const { actor: auditor } = await makeStaff(conn.db, ['auditor']);
    const strong = await partnerWithPeople('甲训练代理', 2);
    const weak = await partnerWithPeople('乙训练代理', 2);
    const created = await createCourse(conn.db, staff, course);
    const courseId = created.course.id;
    for (const p of [strong, weak]) {
      await assignCourse(conn.db, staff, {
        target: 'partner',
        courseId,
        partnerId: p.partner.id,
        dueDate: PAST,
      });
    }
    // Both of the strong partner's people pass (40 h is more than the year's pace); one of the weak one's.
    for (const l of strong.learners) await pass(l.actor, courseId);
    await pass(weak.learners[0]!.actor, courseId);
    await recordTrainingCompliance(conn.db, TODAY);

    const overview = await trainingOverview(conn.db, auditor, { q: '训练代理' }, TODAY);
    expect(overview.items.map((i) => [i.legalName, i.people, i.meeting, i.overduePeople])).toEqual([
      ['乙训练代理', 2, 1, 1],
      ['甲训练代理', 2, 2, 0],
    ]);
    expect(overview.items[0]!.share).toBeCloseTo(0.5);
    expect(overview.portfolio).toEqual({ people: 4, meeting: 3, share: 0.75 });
    expect(overview.trend.at(-1)).toMatchObject({ month: TODAY.slice(0, 7), people: 4, meeting: 3 });
    // Without a search the trend is the portfolio's stored months: the job just wrote this one, so
    // it agrees with the partners' figures, for all partners and for one category.
    // The whole portfolio's sums are stored too: they equal the active partners' rollups.
    const [live] = rowsOf<{ people: number; met: number }>(
      await conn.db.execute(sql`
        select sum(r.training_people)::int as people, sum(r.training_met)::int as met
        from kpi_monthly_rollups r join partners p on p.id = r.partner_id and p.status = 'active'
        where r.month = ${`${TODAY.slice(0, 7)}-01`} and r.training_people > 0`),
    );
    const whole = await trainingOverview(conn.db, auditor, {}, TODAY);
    expect(whole.portfolio).toMatchObject({ people: live!.people, meeting: live!.met });
    expect(whole.byCategory.find((c) => c.serviceCategory === 'claims')?.people).toBeGreaterThanOrEqual(4);
    for (const filter of [{}, { serviceCategory: 'claims' as const }]) {
      const all = await trainingOverview(conn.db, auditor, filter, TODAY);
      expect(all.portfolio.people).toBeGreaterThanOrEqual(4);
      expect(all.trend.at(-1)).toMatchObject({
        month: TODAY.slice(0, 7),
        people: all.portfolio.people,
        meeting: all.portfolio.meeting,
      });
    }

    const detail = await partnerTrainingDetail(conn.db, staff, weak.partner.id, TODAY);
    expect(detail.summary).toEqual({ people: 2, meeting: 1, share: 0.5 });
    // The person who needs attention comes first, with the course they are overdue on; numbers masked.
    expect(detail.people[0]!.overdue).toEqual([
      { courseId, dueDate: PAST, titleZh: '反洗钱', titleEn: 'Anti-money laundering' },
    ]);
    expect(detail.people[0]!.staffNumber).toMatch(/^EM•+\d\d$/);
    expect(detail.people[1]!.overdue).toEqual([]);
  });

  it('a partner administrator sees only their own partner; others are refused', async () => {
    const own = await partnerWithPeople('丙训练代理', 1);
    const other = await partnerWithPeople('丁训练代理', 1);
    const detail = await partnerTrainingDetail(conn.db, own.admin, own.partner.id, TODAY);
    expect(detail.people).toHaveLength(1);
    await expect(partnerTrainingDetail(conn.db, own.admin, other.partner.id, TODAY)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(trainingOverview(conn.db, own.admin, {}, TODAY)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      partnerTrainingDetail(conn.db, own.learners[0]!.actor, own.partner.id, TODAY),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('filters by service category and leaves partners without a roster last, without a figure', async () => {
    const { actor: staff } = await makeStaff(conn.db, ['admin']);
    const empty = await makePartner(conn.db, { legalName: '戊无名册公估' });
    await conn.db
      .update(partners)
      .set({ serviceCategories: ['claims'] })
      .where(eq(partners.id, empty.id));
    const overview = await trainingOverview(
      conn.db,
      staff,
      { serviceCategory: 'claims', q: '无名册' },
      TODAY,
    );
    expect(overview.items).toEqual([
      expect.objectContaining({ legalName: '戊无名册公估', people: 0, share: null, overduePeople: 0 }),
    ]);
    await expect(
      trainingOverview(conn.db, staff, { serviceCategory: 'nope' as never }, TODAY),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('moves with a pass at once: the partner row, its overdue count and the portfolio, without the daily run', async () => {
    const { actor: staff } = await makeStaff(conn.db, ['risk_officer']);
    const created = await createCourse(conn.db, staff, course);
    const team = await partnerWithPeople('己即时代理', 2);
    await assignCourse(conn.db, staff, {
      target: 'partner',
      courseId: created.course.id,
      partnerId: team.partner.id,
      dueDate: PAST,
    });
    const liveSums = async () =>
      rowsOf<{ people: number; met: number }>(
        await conn.db.execute(sql`
          select sum(r.training_people)::int as people, sum(r.training_met)::int as met
          from kpi_monthly_rollups r join partners p on p.id = r.partner_id and p.status = 'active'
          where r.month = ${`${TODAY.slice(0, 7)}-01`} and r.training_people > 0`),
      )[0]!;
    const row = async () => {
      const view = await trainingOverview(conn.db, staff, { q: '己即时代理' }, TODAY);
      return [view.items[0]!.people, view.items[0]!.meeting, view.items[0]!.overduePeople];
    };

    await pass(team.learners[0]!.actor, created.course.id);
    expect(await row()).toEqual([2, 1, 1]);
    const before = await trainingOverview(conn.db, staff, {}, TODAY);

    await pass(team.learners[1]!.actor, created.course.id);
    expect(await row()).toEqual([2, 2, 0]);
    const after = await trainingOverview(conn.db, staff, {}, TODAY);
    expect(after.portfolio.meeting).toBe(before.portfolio.meeting + 1);
    const sums = await liveSums();
    expect(after.portfolio).toMatchObject({ people: sums.people, meeting: sums.met });
    expect(after.trend.at(-1)).toMatchObject({ people: sums.people, meeting: sums.met });
  });
});
