import {
  auditLog,
  type DatabaseConnection,
  partners,
  trainingAttempts,
  trainingCompletions,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { todayInChina } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPerson,
  assignCourse,
  courseForLearner,
  createCourse,
  ensureDefaultKpis,
  getScorecard,
  listPeople,
  publishCourseVersion,
  recordTrainingCompliance,
  setAnnualRule,
  submitAttempt,
  updatePerson,
  trainingCompliance,
  verifyCertificate,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const course = {
  category: 'law_ethics' as const,
  titleZh: '保险法与职业道德',
  titleEn: 'Insurance law and ethics',
  bodyZh: '## 第一章\n\n如实告知义务。',
  bodyEn: '## Chapter 1\n\nThe duty of disclosure.',
  creditHours: 1.5,
  passMark: 100,
  attemptLimit: 2,
  questions: [
    {
      kind: 'single' as const,
      promptZh: '投保人应当如实告知吗？',
      promptEn: 'Must the applicant disclose truthfully?',
      options: [
        { zh: '是', en: 'Yes' },
        { zh: '否', en: 'No' },
      ],
      correct: [0],
    },
    {
      kind: 'multiple' as const,
      promptZh: '哪些属于销售误导？',
      promptEn: 'Which are mis-selling?',
      options: [
        { zh: '夸大收益', en: 'Overstating returns' },
        { zh: '隐瞒免责条款', en: 'Hiding exclusions' },
        { zh: '提供条款', en: 'Handing over the terms' },
      ],
      correct: [1, 0],
    },
  ],
};

/** A partner with one learner on its roster and a course assigned to the partner. */
async function world() {
  const { actor: trainer } = await makeStaff(conn.db, ['risk_officer']);
  const partner = await makePartner(conn.db);
  const { actor: admin } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  const { user, actor: learner } = await makePartnerUser(conn.db, partner.id, 'partner_member');
  const person = await addPerson(conn.db, admin, {
    name: '李销售',
    staffNumber: `S${Math.random().toString().slice(2, 12)}`,
    jobRole: '客户经理',
    serviceCategory: 'agency',
    startDate: '2024-01-01',
    userId: user.id,
  });
  const created = await createCourse(conn.db, trainer, course);
  await assignCourse(conn.db, trainer, {
    target: 'partner',
    courseId: created.course.id,
    partnerId: partner.id,
    dueDate: '2030-12-31',
  });
  return { trainer, partner, admin, learner, person, courseId: created.course.id };
}

describe('training assessments', () => {
  it('never sends the answers to the browser, fails, retries and passes with a certificate', async () => {
    const { learner, courseId, person } = await world();
    const view = await courseForLearner(conn.db, learner, courseId);
    expect(JSON.stringify(view.questions)).not.toContain('correct');
    expect(view.attempt).toBe(1);

    const failed = await submitAttempt(conn.db, learner, {
      courseId,
      versionId: view.versionId,
      attempt: 1,
      answers: { q1: [0], q2: [1] },
    });
    expect(failed).toMatchObject({
      passed: false,
      score: 50,
      wrong: ['q2'],
      attemptsLeft: 1,
      certificateCode: null,
    });

    const passed = await submitAttempt(conn.db, learner, {
      courseId,
      versionId: view.versionId,
      attempt: 2,
      answers: { q1: [0], q2: [0, 1] },
    });
    expect(passed).toMatchObject({ passed: true, score: 100, wrong: [], attemptsLeft: 0 });
    const certificate = await verifyCertificate(conn.db, passed.certificateCode!.toLowerCase());
    expect(certificate).toMatchObject({
      holder: '李销售',
      titleEn: 'Insurance law and ethics',
      minutes: 90,
      version: 1,
    });
    expect(Object.keys(certificate).sort()).toEqual(
      ['category', 'completedOn', 'holder', 'minutes', 'titleEn', 'titleZh', 'version'].sort(),
    );
    const actions = (
      await conn.db.select().from(auditLog).where(eq(auditLog.partnerId, person.partnerId))
    ).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['training.attempt_failed', 'training.course_passed']));
  });

  it('refuses an attempt beyond the limit and stores nothing', async () => {
    const { learner, courseId, person } = await world();
    const { versionId } = await courseForLearner(conn.db, learner, courseId);
    for (const attempt of [1, 2]) {
      await submitAttempt(conn.db, learner, { courseId, versionId, attempt, answers: { q1: [1], q2: [2] } });
    }
    await expect(
      submitAttempt(conn.db, learner, { courseId, versionId, attempt: 3, answers: { q1: [0], q2: [0, 1] } }),
    ).rejects.toMatchObject({ code: 'conflict', messageKey: 'errors.training.no_attempts_left' });
    const attempts = await conn.db
      .select()
      .from(trainingAttempts)
      .where(eq(trainingAttempts.personId, person.id));
    expect(attempts).toHaveLength(2);
  });

  it('counts the same submission sent twice at once only once', async () => {
    const { learner, courseId, person } = await world();
    const { versionId } = await courseForLearner(conn.db, learner, courseId);
    const submission = { courseId, versionId, attempt: 1, answers: { q2: [1, 0], q1: [0] } };
    const [a, b] = await Promise.all([
      submitAttempt(conn.db, learner, submission),
      submitAttempt(conn.db, learner, submission),
    ]);
    expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
    expect(a.certificateCode).toBe(b.certificateCode);
    expect(
      await conn.db.select().from(trainingAttempts).where(eq(trainingAttempts.personId, person.id)),
    ).toHaveLength(1);
    expect(
      await conn.db.select().from(trainingCompletions).where(eq(trainingCompletions.personId, person.id)),
    ).toHaveLength(1);
  });

  it('refuses answers for another version, tampered question ids and a course not assigned', async () => {
    const { trainer, learner, courseId } = await world();
    const old = await courseForLearner(conn.db, learner, courseId);
    await publishCourseVersion(conn.db, trainer, courseId, {
      ...course,
      titleEn: 'Insurance law and ethics (2027)',
    });
    await expect(
      submitAttempt(conn.db, learner, {
        courseId,
        versionId: old.versionId,
        attempt: 1,
        answers: { q1: [0] },
      }),
    ).rejects.toMatchObject({ messageKey: 'errors.training.version_changed' });
    const current = await courseForLearner(conn.db, learner, courseId);
    expect(current.version).toBe(2);
    await expect(
      submitAttempt(conn.db, learner, {
        courseId,
        versionId: current.versionId,
        attempt: 1,
        answers: { q9: [0] },
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', details: { fields: [{ path: 'answers.q9' }] } });

    const other = await createCourse(conn.db, trainer, { ...course, titleEn: 'Not assigned' });
    await expect(courseForLearner(conn.db, learner, other.course.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      submitAttempt(conn.db, learner, {
        courseId: other.course.id,
        versionId: other.version.id,
        attempt: 1,
        answers: {},
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps partners apart: another partner sees none of the roster and cannot take its courses', async () => {
    const { courseId, person } = await world();
    const stranger = await makePartner(conn.db);
    const { actor: strangerAdmin } = await makePartnerUser(conn.db, stranger.id, 'partner_admin');
    const roster = await listPeople(conn.db, strangerAdmin);
    expect(roster.people.map((p) => p.id)).not.toContain(person.id);
    await expect(courseForLearner(conn.db, strangerAdmin, courseId)).rejects.toMatchObject({
      messageKey: 'errors.training.not_on_roster',
    });
  });

  it('a completion keeps the version it was made on after a new version is published', async () => {
    const { trainer, learner, courseId, partner } = await world();
    const view = await courseForLearner(conn.db, learner, courseId);
    const passed = await submitAttempt(conn.db, learner, {
      courseId,
      versionId: view.versionId,
      attempt: 1,
      answers: { q1: [0], q2: [0, 1] },
    });
    await publishCourseVersion(conn.db, trainer, courseId, { ...course, creditHours: 3 });
    expect(await verifyCertificate(conn.db, passed.certificateCode!)).toMatchObject({
      version: 1,
      minutes: 90,
    });
    // 1.5 hours are on record, far from the 36 a year the reference rule asks of agency staff.
    const compliance = await trainingCompliance(conn.db, partner.id);
    expect(compliance).toMatchObject({ people: 1, meeting: 0, share: 0 });
  });

  it('feeds training compliance into the scorecard like every other KPI', async () => {
    const { trainer, admin, learner, courseId, partner, person } = await world();
    await conn.db
      .update(partners)
      .set({ serviceCategories: ['customer_service'] })
      .where(eq(partners.id, partner.id));
    await setAnnualRule(conn.db, trainer, 'customer_service', { totalMinutes: 60, categoryMinutes: {} });
    await updatePerson(conn.db, admin, person.id, {
      name: person.name,
      staffNumber: person.staffNumber,
      jobRole: person.jobRole,
      serviceCategory: 'customer_service',
      startDate: '2024-01-01',
      userId: person.userId ?? undefined,
    });
    // A second person who has done nothing yet.
    await addPerson(conn.db, admin, {
      name: '王新人',
      staffNumber: `N${Math.random().toString().slice(2, 12)}`,
      jobRole: '坐席代表',
      serviceCategory: 'customer_service',
      startDate: '2024-01-01',
    });
    const view = await courseForLearner(conn.db, learner, courseId);
    await submitAttempt(conn.db, learner, {
      courseId,
      versionId: view.versionId,
      attempt: 1,
      answers: { q1: [0], q2: [0, 1] },
    });
    await ensureDefaultKpis(conn.db);
    const today = todayInChina();
    await recordTrainingCompliance(conn.db, today);
    // Twice on a day changes nothing (the figure is set, not added).
    await recordTrainingCompliance(conn.db, today);
    const period = {
      kind: 'quarter' as const,
      year: Number(today.slice(0, 4)),
      index: Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1,
    };
    const card = await getScorecard(conn.db, trainer, { partnerId: partner.id, period });
    const training = card.kpis.find((k) => k.key === 'training_compliance');
    expect(training).toMatchObject({ value: 50, sampleSize: 2 });
  });

  it('a suspended partner cannot change its roster, but its people may still train', async () => {
    const { admin, learner, courseId, partner } = await world();
    await conn.db
      .update(partners)
      .set({ status: 'suspended', suspensionReason: '资质过期' })
      .where(eq(partners.id, partner.id));
    await expect(
      addPerson(conn.db, admin, {
        name: '暂停期',
        staffNumber: 'X12345',
        jobRole: '坐席',
        serviceCategory: 'agency',
        startDate: '2024-01-01',
      }),
    ).rejects.toMatchObject({ code: 'partner.suspended' });
    const view = await courseForLearner(conn.db, learner, courseId);
    const result = await submitAttempt(conn.db, learner, {
      courseId,
      versionId: view.versionId,
      attempt: 1,
      answers: { q1: [0], q2: [0, 1] },
    });
    expect(result.passed).toBe(true);
  });

  it('an unknown certificate code is a plain not found', async () => {
    await expect(verifyCertificate(conn.db, 'AAAA-BBBB-CCCC')).rejects.toMatchObject({ code: 'not_found' });
    await expect(verifyCertificate(conn.db, "' or 1=1 --")).rejects.toMatchObject({ code: 'not_found' });
  });
});
