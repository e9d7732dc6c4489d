import {
  auditLog,
  type DatabaseConnection,
  notifications,
  outbox,
  partners,
  trainingCompletions,
  trainingPeople,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPerson,
  assignCourse,
  courseForLearner,
  createCourse,
  importRoster,
  readImportTable,
  RISK_CHANNEL,
  recordsCsv,
  recordsXlsx,
  rosterTemplateCsv,
  runTrainingReminders,
  runTrainingSlackDigest,
  setSetting,
  submitAttempt,
  trainingRecords,
} from '../src/index.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const csv = (text: string) => new TextEncoder().encode(text);
const uniq = () => Math.random().toString(36).slice(2, 8).toUpperCase();

const course = (title: string) => ({
  category: 'law_ethics' as const,
  titleZh: `${title}（中文）`,
  titleEn: title,
  bodyZh: '正文',
  bodyEn: 'Body',
  creditHours: 2,
  passMark: 100,
  attemptLimit: 3,
  questions: [
    {
      kind: 'single' as const,
      promptZh: '对吗？',
      promptEn: 'Right?',
      options: [
        { zh: '对', en: 'Yes' },
        { zh: '错', en: 'No' },
      ],
      correct: [0],
    },
  ],
});

async function partnerWithAdmin() {
  const partner = await makePartner(conn.db);
  const { user, actor } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  return { partner, admin: actor, adminUser: user };
}

const livePeople = (partnerId: string) =>
  conn.db
    .select()
    .from(trainingPeople)
    .where(and(eq(trainingPeople.partnerId, partnerId), isNull(trainingPeople.removedAt)))
    .orderBy(trainingPeople.staffNumber);

describe('roster import', () => {
  it('stores the good rows, reports each bad row with its column and reason, and stores none of a bad row', async () => {
    const { partner, admin } = await partnerWithAdmin();
    const { user: member } = await makePartnerUser(conn.db, partner.id, 'partner_member');
    const file = [
      '姓名,身份证号或工号,岗位,服务类别,入职日期,门户账号邮箱（可选）',
      `王一,A-0001,客户经理,agency,2025-03-01,${member.email.toUpperCase()}`,
      '李二,A-0002,理赔专员,理赔服务,2025/4/1,',
      ',A-0003,客服,agency,2025-13-01,', // no name, no real date
      '赵四,!!,客服,space,2025-01-01,nobody@example.test', // bad number, category and e-mail
      '钱五,A-0001,客服,agency,2025-01-01,', // the number of an earlier row
    ].join('\r\n');
    const result = await importRoster(conn.db, admin, { fileName: 'roster.csv', bytes: csv(file) });
    expect(result).toMatchObject({ added: 2, updated: 0, unchanged: 0, refused: 3 });
    expect(result.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'added'],
      [3, 'added'],
      [4, 'refused'],
      [5, 'refused'],
      [6, 'refused'],
    ]);
    expect(result.rows[2]!.problems.map((p) => p.column)).toEqual(['name', 'startDate']);
    expect(result.rows[3]!.problems).toEqual([
      { column: 'staffNumber', messageKey: 'training.import.reason.staffNumber' },
      { column: 'serviceCategory', messageKey: 'training.import.reason.serviceCategory' },
      { column: 'email', messageKey: 'training.import.reason.email' },
    ]);
    expect(result.rows[4]!.problems).toEqual([
      { column: 'staffNumber', messageKey: 'training.import.reason.duplicateInFile' },
    ]);
    const people = await livePeople(partner.id);
    expect(people.map((p) => [p.staffNumber, p.name, p.serviceCategory, p.startDate, p.userId])).toEqual([
      ['A-0001', '王一', 'agency', '2025-03-01', member.id],
      ['A-0002', '李二', 'claims', '2025-04-01', null],
    ]);
    const audits = await conn.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'training.roster_imported'), eq(auditLog.partnerId, partner.id)))
      .orderBy(auditLog.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.data).toMatchObject({ added: 2, refused: 3, rows: 5 });
  });

  it('adds nobody when the same file is imported again, and updates a changed person matched on the number', async () => {
    const { partner, admin } = await partnerWithAdmin();
    const file =
      'Name,ID or staff number,Role,Service category,Start date\nAnn Lee,B-0001,Agent,agency,2025-01-01\nBo Wu,B-0002,Agent,Agency,2025-01-01\n';
    expect(await importRoster(conn.db, admin, { fileName: 'r.csv', bytes: csv(file) })).toMatchObject({
      added: 2,
      refused: 0,
    });
    expect(await importRoster(conn.db, admin, { fileName: 'r.csv', bytes: csv(file) })).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 2,
    });
    const changed = file.replace('Bo Wu,B-0002,Agent', 'Bo Wu,B-0002,Team lead');
    expect(await importRoster(conn.db, admin, { fileName: 'r.csv', bytes: csv(changed) })).toMatchObject({
      added: 0,
      updated: 1,
      unchanged: 1,
    });
    const people = await livePeople(partner.id);
    expect(people.map((p) => [p.staffNumber, p.jobRole])).toEqual([
      ['B-0001', 'Agent'],
      ['B-0002', 'Team lead'],
    ]);
  });

  it('reads the template it hands out, in either language', async () => {
    const { partner, admin } = await partnerWithAdmin();
    for (const locale of ['zh-CN', 'en'] as const) {
      const template = rosterTemplateCsv(locale);
      expect(template.startsWith('\uFEFF')).toBe(true);
      const result = await importRoster(conn.db, admin, { fileName: 't.csv', bytes: csv(template) });
      expect(result.refused).toBe(0);
    }
    expect(await livePeople(partner.id)).toHaveLength(1);
  });

  it('refuses a suspended partner, staff, and a file without the required columns', async () => {
    const { partner, admin } = await partnerWithAdmin();
    await conn.db
      .update(partners)
      .set({ status: 'suspended', suspensionReason: 'Test' })
      .where(eq(partners.id, partner.id));
    const file = csv('name,staffNumber,jobRole,serviceCategory,startDate\nA,C-0001,x,agency,2025-01-01\n');
    await expect(importRoster(conn.db, admin, { fileName: 'r.csv', bytes: file })).rejects.toMatchObject({
      code: 'partner.suspended',
    });
    const { actor: staff } = await makeStaff(conn.db, ['risk_officer']);
    await expect(importRoster(conn.db, staff, { fileName: 'r.csv', bytes: file })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const other = await partnerWithAdmin();
    await expect(
      importRoster(conn.db, other.admin, { fileName: 'r.csv', bytes: csv('name,role\nA,x\n') }),
    ).rejects.toMatchObject({ messageKey: 'training.import.missingColumns' });
    await expect(
      importRoster(conn.db, other.admin, { fileName: 'r.txt', bytes: file }),
    ).rejects.toMatchObject({ messageKey: 'errors.import_format' });
    expect(await livePeople(partner.id)).toHaveLength(0);
    expect(await livePeople(other.partner.id)).toHaveLength(0);
  });

  it('does not let one partner link a portal account of another partner', async () => {
    const { admin } = await partnerWithAdmin();
    const foreign = await partnerWithAdmin();
    const file = csv(
      `name,staffNumber,jobRole,serviceCategory,startDate,email\nA,D-0001,x,agency,2025-01-01,${foreign.adminUser.email}\n`,
    );
    const result = await importRoster(conn.db, admin, { fileName: 'r.csv', bytes: file });
    expect(result.rows[0]).toMatchObject({ status: 'refused', problems: [{ column: 'email' }] });
  });
});

describe('training reminders', () => {
  // 09:00 on 1 March 2031 in Shanghai.
  const day1 = new Date('2031-03-01T01:00:00Z');
  const later = (days: number) => new Date(day1.getTime() + days * 86_400_000);

  async function setup() {
    const { actor: trainer } = await makeStaff(conn.db, ['risk_officer']);
    const { partner, admin, adminUser } = await partnerWithAdmin();
    const { user: learnerUser, actor: learner } = await makePartnerUser(
      conn.db,
      partner.id,
      'partner_member',
    );
    const { user: doneUser, actor: doneLearner } = await makePartnerUser(
      conn.db,
      partner.id,
      'partner_member',
    );
    const person = (name: string, userId?: string) =>
      addPerson(conn.db, admin, {
        name,
        staffNumber: `R-${uniq()}`,
        jobRole: 'Agent',
        serviceCategory: 'agency',
        startDate: '2024-01-01',
        userId,
      });
    const learnerPerson = await person('Due Person', learnerUser.id);
    await person('Done Person', doneUser.id);
    await person('No Account');
    const created = await createCourse(conn.db, trainer, course(`Ethics ${uniq()}`));
    await assignCourse(conn.db, trainer, {
      target: 'partner',
      courseId: created.course.id,
      partnerId: partner.id,
      dueDate: '2031-03-15',
    });
    const view = await courseForLearner(conn.db, doneLearner, created.course.id);
    await submitAttempt(conn.db, doneLearner, {
      courseId: created.course.id,
      versionId: view.versionId,
      attempt: 1,
      answers: { q1: [0] },
    });
    return {
      partner,
      admin,
      adminUser,
      learner,
      learnerUser,
      doneUser,
      learnerPerson,
      courseId: created.course.id,
    };
  }

  const inbox = (userId: string) =>
    conn.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, userId))
      .orderBy(notifications.createdAt);

  it('reminds 14 and 3 days before the due date, once each, only people with an account who have not completed', async () => {
    const { learnerUser, doneUser, adminUser, learner } = await setup();
    await runTrainingReminders(conn.db, day1);
    await runTrainingReminders(conn.db, day1);
    let mine = await inbox(learnerUser.id);
    expect(mine.map((n) => [n.template, n.params.days])).toEqual([['notify.training_due', 14]]);
    expect(mine[0]!.params.courseEn).toMatch(/^Ethics /);
    // Not yet in the 3-day window: nothing new.
    await runTrainingReminders(conn.db, later(5));
    expect(await inbox(learnerUser.id)).toHaveLength(1);
    await runTrainingReminders(conn.db, later(11));
    await runTrainingReminders(conn.db, later(11));
    mine = await inbox(learnerUser.id);
    expect(mine.map((n) => n.params.days)).toEqual([14, 3]);
    expect(await inbox(doneUser.id)).toHaveLength(0);
    expect(await inbox(adminUser.id)).toHaveLength(0);
    // The e-mail copy, unless the person turns training e-mail off.
    const mails = await conn.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'email'), eq(outbox.target, learnerUser.email)));
    expect(mails.map((m) => (m.payload as { subject: string }).subject)).toEqual([
      'email.kind.training',
      'email.kind.training',
    ]);
    expect(learner.type).toBe('partner');
  });

  it('sends the administrators one digest a day of overdue people', async () => {
    const { adminUser, learnerUser } = await setup();
    const overdueDay = later(16);
    await runTrainingReminders(conn.db, overdueDay);
    await runTrainingReminders(conn.db, overdueDay);
    const digests = (await inbox(adminUser.id)).filter((n) => n.template === 'notify.training_overdue');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.params).toMatchObject({ count: 2, more: 0 });
    expect(String(digests[0]!.params.names).split('、').sort()).toEqual(['Due Person', 'No Account']);
    expect(digests[0]!.link).toBe('/p/training/people');
    // First seen overdue: the learner gets no late "due in" reminder.
    expect(await inbox(learnerUser.id)).toHaveLength(0);
    await runTrainingReminders(conn.db, later(17));
    expect((await inbox(adminUser.id)).filter((n) => n.template === 'notify.training_overdue')).toHaveLength(
      2,
    );
  });
});

describe('weekly training digest to the risk channel', () => {
  async function partnerAt(name: string, people: number, compliant: number) {
    const { partner, admin } = await partnerWithAdmin();
    await conn.db.update(partners).set({ legalName: name }).where(eq(partners.id, partner.id));
    for (let i = 0; i < people; i++) {
      const p = await addPerson(conn.db, admin, {
        name: `${name} ${i}`,
        staffNumber: `W-${uniq()}`,
        jobRole: 'Agent',
        serviceCategory: 'agency',
        startDate: '2024-01-01',
      });
      if (i < compliant) {
        await conn.db.insert(trainingCompletions).values([
          {
            personId: p.id,
            partnerId: partner.id,
            source: 'external',
            category: 'law_ethics',
            minutes: 720,
            completedOn: '2031-01-10',
            certificateCode: `X${uniq()}${i}a`,
          },
          {
            personId: p.id,
            partnerId: partner.id,
            source: 'external',
            category: 'professional_skills',
            minutes: 1440,
            completedOn: '2031-01-10',
            certificateCode: `X${uniq()}${i}b`,
          },
        ]);
      }
    }
    return partner;
  }

  it('lists only partners below the threshold, worst first, once a week', async () => {
    await partnerAt('Zero Agency', 2, 0);
    await partnerAt('Half Agency', 2, 1);
    await partnerAt('Full Agency', 1, 1);
    await partnerAt('Mostly Agency', 5, 4); // 80 %: below 90 %, not below 75 %
    const { actor: admin } = await makeStaff(conn.db, ['admin']);
    const monday = new Date('2031-06-02T01:00:00Z'); // Monday 09:00 in Shanghai
    const first = await runTrainingSlackDigest(conn.db, monday);
    expect(first).toMatchObject({ week: '2031-06-02', posted: true });
    expect(await runTrainingSlackDigest(conn.db, new Date('2031-06-03T01:00:00Z'))).toMatchObject({
      posted: false,
    });
    const rows = (await conn.db.select().from(outbox).where(eq(outbox.target, RISK_CHANNEL))).filter(
      (r) => (r.payload as { template?: string }).template === 'notify.training_digest',
    );
    expect(rows).toHaveLength(1);
    const list = String((rows[0]!.payload as { params: { list: string } }).params.list);
    expect(list).toContain('Zero Agency: 0%');
    expect(list).toContain('Half Agency: 50%');
    expect(list).toContain('Mostly Agency: 80%');
    expect(list).not.toContain('Full Agency');
    expect(list.indexOf('Zero Agency')).toBeLessThan(list.indexOf('Half Agency'));
    expect(list.indexOf('Half Agency')).toBeLessThan(list.indexOf('Mostly Agency'));

    await setSetting(conn.db, admin, 'training.digest', { threshold: 0.75 });
    await runTrainingSlackDigest(conn.db, new Date('2031-06-09T01:00:00Z'));
    const next = (await conn.db.select().from(outbox).where(eq(outbox.target, RISK_CHANNEL))).filter(
      (r) => (r.payload as { template?: string }).template === 'notify.training_digest',
    );
    expect(next).toHaveLength(2);
    const second = String((next[1]!.payload as { params: { list: string } }).params.list);
    expect(second).not.toContain('Mostly Agency');
    expect(second).toContain('Half Agency');
  });
});

describe('training records export', () => {
  it('holds every attempt and completion of the partner’s own people only, headed in the reader’s language', async () => {
    const { actor: trainer } = await makeStaff(conn.db, ['risk_officer']);
    const { partner, admin } = await partnerWithAdmin();
    const foreign = await partnerWithAdmin();
    const { user, actor: learner } = await makePartnerUser(conn.db, partner.id, 'partner_member');
    const mine = await addPerson(conn.db, admin, {
      name: '孙学员',
      staffNumber: 'E-12345678',
      jobRole: 'Agent',
      serviceCategory: 'agency',
      startDate: '2024-01-01',
      userId: user.id,
    });
    const theirs = await addPerson(conn.db, foreign.admin, {
      name: 'Foreign Person',
      staffNumber: 'F-12345678',
      jobRole: 'Agent',
      serviceCategory: 'agency',
      startDate: '2024-01-01',
    });
    const created = await createCourse(conn.db, trainer, course('Export course'));
    await assignCourse(conn.db, trainer, {
      target: 'partner',
      courseId: created.course.id,
      partnerId: partner.id,
      dueDate: '2031-12-31',
    });
    const view = await courseForLearner(conn.db, learner, created.course.id);
    await submitAttempt(conn.db, learner, {
      courseId: created.course.id,
      versionId: view.versionId,
      attempt: 1,
      answers: { q1: [1] },
    });
    await submitAttempt(conn.db, learner, {
      courseId: created.course.id,
      versionId: view.versionId,
      attempt: 2,
      answers: { q1: [0] },
    });

    const zh = await trainingRecords(conn.db, admin, { locale: 'zh-CN', partnerId: foreign.partner.id });
    expect(zh.partner.id).toBe(partner.id);
    expect(zh.header[0]).toBe('姓名');
    expect(zh.rows.map((r) => [r[0], r[2], r[6], r[7], r[8], r[9]])).toEqual([
      ['孙学员', 'Export course（中文）', 1, 0, '否', null],
      ['孙学员', 'Export course（中文）', 2, 100, '是', 2],
    ]);
    expect(zh.rows[0]![1]).not.toContain('12345');
    const text = recordsCsv(zh);
    expect(text.startsWith('\uFEFF姓名,')).toBe(true);
    expect(text).not.toContain('Foreign Person');

    const en = await trainingRecords(conn.db, trainer, {
      locale: 'en',
      partnerId: partner.id,
      personId: mine.id,
    });
    expect(en.header).toContain('Recorded at (Beijing time)');
    // Read back through the import's own XLSX reader (worker thread, archive limits).
    const sheet = await readImportTable(recordsXlsx(en), 'xlsx');
    expect(sheet[0]![0]).toBe('Name');
    expect(sheet).toHaveLength(3);
    expect(sheet[2]![7]).toBe(100);

    // A person of another partner is "not found", for a partner and for staff asking under the wrong partner.
    await expect(
      trainingRecords(conn.db, admin, { locale: 'en', personId: theirs.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      trainingRecords(conn.db, trainer, { locale: 'en', partnerId: partner.id, personId: theirs.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const { actor: member } = await makePartnerUser(conn.db, partner.id, 'partner_member');
    await expect(trainingRecords(conn.db, member, { locale: 'en' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
