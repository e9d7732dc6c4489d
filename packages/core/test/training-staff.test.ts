import {
  auditLog,
  type DatabaseConnection,
  notifications,
  trainingCompletions,
  trainingCourseVersions,
  trainingExternalCertificates,
} from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import { todayInChina } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPerson,
  assignCourse,
  cancelAssignment,
  completionsByVersion,
  courseAssignments,
  courseAttachmentFile,
  courseForAuthors,
  courseForLearner,
  createCourse,
  decideExternalCertificate,
  externalCertificateQueue,
  listCourses,
  myExternalCertificates,
  publishCourseVersion,
  readExternalCertificate,
  staffWorkQueue,
  submitAttempt,
  trainingCompliance,
  uploadExternalCertificate,
  yearProgress,
} from '../src/index.ts';
import { docxFile, minimalPdf } from '../src/testing/hostile-files.ts';
import { makePartner, makePartnerUser, makeStaff } from '../src/testing/fixtures.ts';
import { tempStorage } from './admission-support.ts';

let conn: DatabaseConnection;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(() => conn.close());

const course = {
  category: 'product' as const,
  titleZh: '产品知识',
  titleEn: 'Product knowledge',
  bodyZh: '产品条款。',
  bodyEn: 'Product terms.',
  creditHours: 2,
  passMark: 100,
  attemptLimit: 3,
  questions: [
    {
      kind: 'single' as const,
      promptZh: '犹豫期多久？',
      promptEn: 'How long is the cooling-off period?',
      options: [
        { zh: '15 天', en: '15 days' },
        { zh: '1 天', en: '1 day' },
      ],
      correct: [0],
    },
  ],
};

async function world() {
  const storage = tempStorage();
  const { actor: trainer } = await makeStaff(conn.db, ['risk_officer']);
  const partner = await makePartner(conn.db);
  const { actor: admin } = await makePartnerUser(conn.db, partner.id, 'partner_admin');
  const { user, actor: member } = await makePartnerUser(conn.db, partner.id, 'partner_member');
  const person = await addPerson(conn.db, admin, {
    name: '王培训',
    staffNumber: `S${Math.random().toString().slice(2, 12)}`,
    jobRole: '客户经理',
    serviceCategory: 'agency',
    startDate: '2024-01-01',
    userId: user.id,
  });
  const other = await addPerson(conn.db, admin, {
    name: '赵同事',
    staffNumber: `S${Math.random().toString().slice(2, 12)}`,
    jobRole: '客户经理',
    serviceCategory: 'agency',
    startDate: '2024-01-01',
  });
  return { storage, trainer, partner, admin, member, person, other };
}

const certificate = (personId: string) => ({
  personId,
  title: '外部合规培训',
  provider: '保险行业协会',
  completedOn: `${todayInChina().slice(0, 4)}-01-02`,
  hours: 6,
  category: 'law_ethics' as const,
  fileName: 'cert.pdf',
  bytes: minimalPdf,
});

describe('course authoring', () => {
  it('publishing a version never changes completions made on an earlier one', async () => {
    const { storage, trainer, partner, member } = await world();
    const created = await createCourse(conn.db, trainer, course, {
      storage,
      uploads: [{ fileName: 'handout.pdf', bytes: minimalPdf }],
    });
    const courseId = created.course.id;
    expect(created.version.attachments).toHaveLength(1);
    await assignCourse(conn.db, trainer, {
      target: 'partner',
      courseId,
      partnerId: partner.id,
      dueDate: '2030-12-31',
    });
    const view = await courseForLearner(conn.db, member, courseId);
    await submitAttempt(conn.db, member, {
      courseId,
      versionId: view.versionId,
      attempt: 1,
      answers: { q1: [0] },
    });

    const v2 = await publishCourseVersion(
      conn.db,
      trainer,
      courseId,
      { ...course, titleEn: 'Product knowledge 2027', creditHours: 3 },
      { storage, uploads: [], keep: [created.version.attachments[0]!.id] },
    );
    expect(v2.version).toBe(2);
    expect(v2.attachments).toEqual(created.version.attachments);
    const [v1] = await conn.db
      .select()
      .from(trainingCourseVersions)
      .where(eq(trainingCourseVersions.id, created.version.id));
    expect(v1).toMatchObject({ titleEn: 'Product knowledge', creditMinutes: 120 });
    const [completion] = await conn.db
      .select()
      .from(trainingCompletions)
      .where(eq(trainingCompletions.courseId, courseId));
    expect(completion).toMatchObject({ courseVersionId: created.version.id, minutes: 120 });
    const counts = await completionsByVersion(conn.db, trainer, courseId);
    expect(counts.get(created.version.id)).toBe(1);
    expect(counts.get(v2.id) ?? 0).toBe(0);
    const authored = await courseForAuthors(conn.db, trainer, courseId);
    expect(authored.versions.map((v) => v.version)).toEqual([2, 1]);

    const listed = await listCourses(conn.db, trainer, { search: 'Product knowledge 2027' });
    expect(listed.courses.map((c) => c.id)).toContain(courseId);
    await expect(listCourses(conn.db, member)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses attachments that are not PDF before storing anything', async () => {
    const { storage, trainer } = await world();
    await expect(
      createCourse(conn.db, trainer, course, {
        storage,
        uploads: [{ fileName: 'a.docx', bytes: docxFile() }],
      }),
    ).rejects.toMatchObject({ status: 415, messageKey: 'errors.training.attachment_type' });
  });

  it('lets assigned partner people download attachments and no one else', async () => {
    const { storage, trainer, partner, member } = await world();
    const created = await createCourse(conn.db, trainer, course, {
      storage,
      uploads: [{ fileName: 'handout.pdf', bytes: minimalPdf }],
    });
    const attachmentId = created.version.attachments[0]!.id;
    const foreign = await world();
    await expect(
      courseAttachmentFile(conn.db, member, storage, created.version.id, attachmentId),
    ).rejects.toMatchObject({ status: 404 });
    await assignCourse(conn.db, trainer, {
      target: 'partner',
      courseId: created.course.id,
      partnerId: partner.id,
      dueDate: '2030-12-31',
    });
    const file = await courseAttachmentFile(conn.db, member, storage, created.version.id, attachmentId);
    expect(file.contentType).toBe('application/pdf');
    await expect(
      courseAttachmentFile(conn.db, foreign.member, storage, created.version.id, attachmentId),
    ).rejects.toMatchObject({ status: 404 });
    expect(
      (await courseAttachmentFile(conn.db, trainer, storage, created.version.id, attachmentId)).fileName,
    ).toBe('handout.pdf');
  });
});

describe('assignments', () => {
  it('assigns to a partner, a service category and one person, counts people, and cancels', async () => {
    const { trainer, partner, other } = await world();
    const { course: c } = await createCourse(conn.db, trainer, course);
    const byPartner = await assignCourse(conn.db, trainer, {
      target: 'partner',
      courseId: c.id,
      partnerId: partner.id,
      dueDate: '2030-06-30',
    });
    await assignCourse(conn.db, trainer, {
      target: 'category',
      courseId: c.id,
      serviceCategory: 'agency',
      dueDate: '2030-09-30',
    });
    await assignCourse(conn.db, trainer, {
      target: 'person',
      courseId: c.id,
      personId: other.id,
      dueDate: '2030-03-31',
    });
    const list = await courseAssignments(conn.db, trainer, c.id);
    expect(list.map((a) => a.target)).toEqual(['person', 'partner', 'category']);
    expect(list[0]).toMatchObject({ personName: '赵同事', partnerName: expect.any(String), people: 1 });
    expect(list[1]).toMatchObject({ people: 2, completed: 0 });
    expect(list[2]!.people).toBeGreaterThanOrEqual(2);

    await cancelAssignment(conn.db, trainer, byPartner.id);
    expect((await courseAssignments(conn.db, trainer, c.id)).map((a) => a.target)).toEqual([
      'person',
      'category',
    ]);
    const entries = await conn.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, byPartner.id))
      .orderBy(auditLog.id);
    expect(entries.map((e) => e.action)).toEqual([
      'training.course_assigned',
      'training.assignment_cancelled',
    ]);
    await expect(cancelAssignment(conn.db, trainer, byPartner.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('external training certificates', () => {
  it('refuses a wrong type, an oversized file and another partner’s person, storing nothing', async () => {
    const { storage, member, admin, other } = await world();
    const foreign = await world();
    await expect(
      uploadExternalCertificate(conn.db, member, storage, { ...certificate(foreign.person.id) }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      uploadExternalCertificate(conn.db, admin, storage, { ...certificate(foreign.person.id) }),
    ).rejects.toMatchObject({ status: 404 });
    // A member uploads for themselves only, not for a colleague.
    await expect(
      uploadExternalCertificate(conn.db, member, storage, certificate(other.id)),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      uploadExternalCertificate(conn.db, admin, storage, { ...certificate(other.id), bytes: docxFile() }),
    ).rejects.toMatchObject({ status: 415, messageKey: 'errors.training.external_file_type' });
    await expect(
      uploadExternalCertificate(conn.db, admin, storage, certificate(other.id), { maxBytes: 10 }),
    ).rejects.toMatchObject({ status: 413 });
    await expect(
      uploadExternalCertificate(conn.db, admin, storage, { ...certificate(other.id), hours: 0.1 }),
    ).rejects.toMatchObject({ status: 422 });
    const rows = await conn.db
      .select()
      .from(trainingExternalCertificates)
      .where(eq(trainingExternalCertificates.personId, other.id));
    expect(rows).toHaveLength(0);
  });

  it('counts accepted hours in progress and compliance; rejected ones never', async () => {
    const { storage, trainer, member, admin, partner, person, other } = await world();
    const year = Number(todayInChina().slice(0, 4));
    const before = (await yearProgress(conn.db, partner.id, year)).find((p) => p.personId === person.id)!;
    expect(before.doneMinutes).toBe(0);

    const mine = await uploadExternalCertificate(conn.db, member, storage, {
      ...certificate(person.id),
      hours: 40,
    });
    const theirs = await uploadExternalCertificate(conn.db, admin, storage, certificate(other.id));
    expect(mine).not.toHaveProperty('storageKey');
    // The member sees their own certificate only; the administrator sees both.
    expect((await myExternalCertificates(conn.db, member)).map((c) => c.id)).toEqual([mine.id]);
    expect((await myExternalCertificates(conn.db, admin)).map((c) => c.id).sort()).toEqual(
      [mine.id, theirs.id].sort(),
    );
    await expect(readExternalCertificate(conn.db, member, storage, theirs.id)).rejects.toMatchObject({
      status: 404,
    });
    const foreign = await world();
    await expect(readExternalCertificate(conn.db, foreign.admin, storage, mine.id)).rejects.toMatchObject({
      status: 404,
    });

    const queue = await externalCertificateQueue(conn.db, trainer);
    expect(queue.certificates.map((c) => c.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const work = await staffWorkQueue(conn.db, trainer);
    expect(work.groups.find((g) => g.key === 'externalTrainingToReview')?.count).toBeGreaterThanOrEqual(2);

    await expect(
      decideExternalCertificate(conn.db, member, { certificateId: mine.id, decision: 'accept' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await decideExternalCertificate(conn.db, trainer, { certificateId: mine.id, decision: 'accept' });
    await expect(
      decideExternalCertificate(conn.db, trainer, { certificateId: mine.id, decision: 'accept' }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      decideExternalCertificate(conn.db, trainer, {
        certificateId: theirs.id,
        decision: 'reject',
        reason: '',
      }),
    ).rejects.toMatchObject({ status: 422 });
    await decideExternalCertificate(conn.db, trainer, {
      certificateId: theirs.id,
      decision: 'reject',
      reason: '证明不清晰，请重新上传。',
    });

    const after = await yearProgress(conn.db, partner.id, year);
    expect(after.find((p) => p.personId === person.id)).toMatchObject({ doneMinutes: 2400 });
    expect(after.find((p) => p.personId === other.id)).toMatchObject({ doneMinutes: 0 });
    const compliance = await trainingCompliance(conn.db, partner.id);
    expect(compliance).toMatchObject({ people: 2, meeting: 1 });

    const told = await conn.db
      .select()
      .from(notifications)
      .where(eq(notifications.recipientId, member.userId));
    expect(told.map((n) => n.template)).toEqual(
      expect.arrayContaining(['notify.training_external_accepted', 'notify.training_external_rejected']),
    );
    const entries = await conn.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, mine.id))
      .orderBy(auditLog.id);
    expect(entries.map((e) => e.action)).toEqual([
      'training.external_uploaded',
      'training.external_accepted',
    ]);
  });
});
