import {
  type Database,
  trainingAssignments,
  trainingAttempts,
  trainingCompletions,
  trainingCourses,
  trainingCourseVersions,
  trainingPeople,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, count, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { randomToken } from '../secrets.ts';
import { isUuid, parse } from '../validation.ts';
import { answersInput, publicQuestions, scoreAnswers } from './assessment.ts';
import { assignmentAppliesTo, assignmentFor } from './assignments.ts';
import { refreshPartnerTraining } from './kpi-feed.ts';
import { readCourseAttachment } from './courses.ts';
import type { FileStorage } from '../ports.ts';

/** The roster entry of the signed-in partner user: training is taken by people, not organisations. */
async function learner(tx: Database, actor: Actor, lock = false) {
  assertCan(actor, 'take:training:own');
  if (actor.type !== 'partner') {
    throw new AppError('forbidden', 'Training is taken by a partner’s people.', {
      messageKey: 'errors.forbidden',
    });
  }
  const query = tx
    .select()
    .from(trainingPeople)
    .where(
      and(
        eq(trainingPeople.userId, actor.userId),
        eq(trainingPeople.partnerId, actor.partnerId),
        isNull(trainingPeople.removedAt),
      ),
    );
  const [person] = lock ? await query.for('update') : await query;
  if (!person) {
    throw new AppError(
      'forbidden',
      'You are not on your organisation’s training roster; ask your administrator.',
      {
        messageKey: 'errors.training.not_on_roster',
      },
    );
  }
  return person;
}

/** A course assigned to the person, with the version new attempts use; anything else is "not found". */
async function assignedCourse(tx: Database, person: Awaited<ReturnType<typeof learner>>, courseId: string) {
  if (!isUuid(courseId)) throw notFound('Course');
  const assignment = await assignmentFor(tx, person, courseId);
  if (!assignment) throw notFound('Course');
  const [row] = await tx
    .select({ course: trainingCourses, version: trainingCourseVersions })
    .from(trainingCourses)
    .innerJoin(trainingCourseVersions, eq(trainingCourseVersions.id, trainingCourses.currentVersionId))
    .where(eq(trainingCourses.id, courseId));
  if (!row) throw notFound('Course');
  return { ...row, assignment };
}

async function attemptsUsed(tx: Database, personId: string, courseId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(trainingAttempts)
    .where(and(eq(trainingAttempts.personId, personId), eq(trainingAttempts.courseId, courseId)));
  return row?.n ?? 0;
}

async function completionOf(tx: Database, personId: string, courseId: string) {
  const [row] = await tx
    .select()
    .from(trainingCompletions)
    .where(and(eq(trainingCompletions.personId, personId), eq(trainingCompletions.courseId, courseId)));
  return row ?? null;
}

/**
 * The course as the learner sees it: content of the current version and its questions without
 * answers, the attempt they are on and how many remain.
 */
export async function courseForLearner(db: Database, actor: Actor, courseId: string) {
  const person = await learner(db, actor);
  const { course, version, assignment } = await assignedCourse(db, person, courseId);
  const used = await attemptsUsed(db, person.id, course.id);
  const completion = await completionOf(db, person.id, course.id);
  const attempt = used + 1;
  return {
    courseId: course.id,
    category: course.category,
    versionId: version.id,
    version: version.version,
    titleZh: version.titleZh,
    titleEn: version.titleEn,
    bodyZh: version.bodyZh,
    bodyEn: version.bodyEn,
    videoUrl: version.videoUrl,
    attachments: version.attachments.map((a) => ({ id: a.id, fileName: a.fileName, sizeBytes: a.sizeBytes })),
    creditMinutes: version.creditMinutes,
    passMark: version.passMark,
    attemptLimit: version.attemptLimit,
    dueDate: assignment.dueDate,
    attemptsUsed: used,
    attempt,
    completion,
    questions: publicQuestions(version.questions, {
      shuffle: version.shuffle,
      seed: `${person.id}:${attempt}`,
    }),
  };
}

export const submitAttemptInput = z.object({
  courseId: z.string(),
  versionId: z.string(),
  /** The attempt being answered (from courseForLearner): the same submission sent twice counts once. */
  attempt: z.number().int().min(1).max(20),
  answers: answersInput,
});

export interface AttemptResult {
  attemptId: string;
  attempt: number;
  score: number;
  passed: boolean;
  wrong: string[];
  attemptsLeft: number;
  certificateCode: string | null;
  /** True when this was a repeat of a submission already stored. */
  repeated: boolean;
}

/** A certificate code such as `7K2Q-M9XD-4HPA`: no ambiguous characters, 60 bits of randomness. */
const certificateCode = () =>
  randomToken(8)
    .toUpperCase()
    .slice(0, 12)
    .replace(/(.{4})(?=.)/g, '$1-');

/**
 * Scores an attempt on the server and, on a pass, puts the hours on record with a certificate. The
 * learner's roster row is locked for the duration, so two concurrent submissions are serialised:
 * the same attempt sent twice is answered with the stored result instead of counting again.
 */
export async function submitAttempt(db: Database, actor: Actor, raw: z.input<typeof submitAttemptInput>) {
  const input = parse(submitAttemptInput, raw);
  return db.transaction(async (tx): Promise<AttemptResult> => {
    const person = await learner(tx, actor, true);
    const { course, version } = await assignedCourse(tx, person, input.courseId);
    const [earlier] = await tx
      .select()
      .from(trainingAttempts)
      .where(
        and(
          eq(trainingAttempts.personId, person.id),
          eq(trainingAttempts.courseId, course.id),
          eq(trainingAttempts.attempt, input.attempt),
        ),
      );
    const limit = version.attemptLimit;
    if (earlier) {
      // jsonb reorders keys, so both sides are put in canonical form before comparing.
      if (JSON.stringify(normalised(earlier.answers)) !== JSON.stringify(normalised(input.answers))) {
        throw new AppError('conflict', `Attempt ${input.attempt} was already submitted with other answers.`, {
          messageKey: 'errors.training.attempt_taken',
        });
      }
      const completion = await completionOf(tx, person.id, course.id);
      const used = await attemptsUsed(tx, person.id, course.id);
      return {
        attemptId: earlier.id,
        attempt: earlier.attempt,
        score: earlier.score,
        passed: earlier.passed,
        wrong: scoreAnswers(version.questions, earlier.answers, version.passMark).wrong,
        attemptsLeft: Math.max(limit - used, 0),
        certificateCode: completion?.attemptId === earlier.id ? completion.certificateCode : null,
        repeated: true,
      };
    }
    if (version.id !== input.versionId) {
      throw new AppError('conflict', 'The course has a new version; reload it and answer its questions.', {
        messageKey: 'errors.training.version_changed',
      });
    }
    if (await completionOf(tx, person.id, course.id)) {
      throw new AppError('conflict', 'You have already passed this course.', {
        messageKey: 'errors.training.already_passed',
      });
    }
    const used = await attemptsUsed(tx, person.id, course.id);
    if (used >= limit) {
      throw new AppError('conflict', `You have used all ${limit} attempts for this course.`, {
        messageKey: 'errors.training.no_attempts_left',
        details: { attemptLimit: limit },
      });
    }
    if (input.attempt !== used + 1) {
      throw new AppError('conflict', 'This is not your current attempt; reload the course.', {
        messageKey: 'errors.training.wrong_attempt',
      });
    }
    const answers = normalised(input.answers);
    const scored = scoreAnswers(version.questions, answers, version.passMark);
    const [attempt] = await tx
      .insert(trainingAttempts)
      .values({
        personId: person.id,
        partnerId: person.partnerId,
        courseId: course.id,
        courseVersionId: version.id,
        attempt: input.attempt,
        answers,
        score: scored.score,
        passed: scored.passed,
        submittedBy: actor.type === 'partner' ? actor.userId : null,
      })
      .returning();
    let code: string | null = null;
    if (scored.passed) {
      code = certificateCode();
      await tx.insert(trainingCompletions).values({
        personId: person.id,
        partnerId: person.partnerId,
        source: 'course',
        courseId: course.id,
        courseVersionId: version.id,
        attemptId: attempt!.id,
        category: course.category,
        minutes: version.creditMinutes,
        completedOn: todayInChina(),
        certificateCode: code,
      });
    }
    await audit(tx, actor, {
      action: scored.passed ? 'training.course_passed' : 'training.attempt_failed',
      entityType: 'training_attempt',
      entityId: attempt!.id,
      partnerId: person.partnerId,
      data: {
        personId: person.id,
        courseId: course.id,
        version: version.version,
        attempt: input.attempt,
        score: scored.score,
      },
    });
    if (scored.passed) await refreshPartnerTraining(tx, person.partnerId);
    return {
      attemptId: attempt!.id,
      attempt: input.attempt,
      score: scored.score,
      passed: scored.passed,
      wrong: scored.wrong,
      attemptsLeft: limit - used - 1,
      certificateCode: code,
      repeated: false,
    };
  });
}

/** Answers in one canonical form (sorted, de-duplicated, keys ordered) so repeats compare equal. */
function normalised(answers: Record<string, number[]>): Record<string, number[]> {
  return Object.fromEntries(
    Object.keys(answers)
      .sort()
      .map((id) => [id, [...new Set(answers[id])].sort((a, b) => a - b)]),
  );
}

/**
 * What `/verify/<code>` shows to anyone holding a certificate: holder, course, date and hours, and
 * nothing else. An unknown code is a plain "not found".
 */
export async function verifyCertificate(db: Database, code: string) {
  const normal = code.trim().toUpperCase();
  if (!/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/.test(normal)) throw notFound('Certificate');
  const [row] = await db
    .select({
      holder: trainingPeople.name,
      titleZh: trainingCourseVersions.titleZh,
      titleEn: trainingCourseVersions.titleEn,
      version: trainingCourseVersions.version,
      completedOn: trainingCompletions.completedOn,
      minutes: trainingCompletions.minutes,
      category: trainingCompletions.category,
    })
    .from(trainingCompletions)
    .innerJoin(trainingPeople, eq(trainingPeople.id, trainingCompletions.personId))
    .innerJoin(trainingCourseVersions, eq(trainingCourseVersions.id, trainingCompletions.courseVersionId))
    .where(eq(trainingCompletions.certificateCode, normal));
  if (!row) throw notFound('Certificate');
  return row;
}

export type LearnerCourseStatus = 'passed' | 'no_attempts_left' | 'overdue' | 'to_do';

/**
 * The courses assigned to the signed-in learner, one line each (the earliest due date of its
 * assignments), with where they stand: what is overdue first, then by due date.
 */
export async function listMyCourses(db: Database, actor: Actor, today = todayInChina()) {
  const person = await learner(db, actor);
  const rows = await db
    .select({
      courseId: trainingCourses.id,
      category: trainingCourses.category,
      titleZh: trainingCourseVersions.titleZh,
      titleEn: trainingCourseVersions.titleEn,
      creditMinutes: trainingCourseVersions.creditMinutes,
      attemptLimit: trainingCourseVersions.attemptLimit,
      dueDate: trainingAssignments.dueDate,
    })
    .from(trainingAssignments)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingAssignments.courseId))
    .innerJoin(trainingCourseVersions, eq(trainingCourseVersions.id, trainingCourses.currentVersionId))
    .where(assignmentAppliesTo(person))
    .orderBy(trainingAssignments.dueDate);
  const byCourse = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!byCourse.has(row.courseId)) byCourse.set(row.courseId, row);
  const attempts = await db
    .select({ courseId: trainingAttempts.courseId, n: count() })
    .from(trainingAttempts)
    .where(eq(trainingAttempts.personId, person.id))
    .groupBy(trainingAttempts.courseId);
  const used = new Map(attempts.map((a) => [a.courseId, a.n]));
  const done = await db
    .select({
      courseId: trainingCompletions.courseId,
      completedOn: trainingCompletions.completedOn,
      code: trainingCompletions.certificateCode,
    })
    .from(trainingCompletions)
    .where(eq(trainingCompletions.personId, person.id));
  const completed = new Map(done.map((d) => [d.courseId, d]));
  const rank: Record<LearnerCourseStatus, number> = { overdue: 0, to_do: 1, no_attempts_left: 2, passed: 3 };
  return [...byCourse.values()]
    .map((row) => {
      const completion = completed.get(row.courseId);
      const attemptsUsed = used.get(row.courseId) ?? 0;
      const status: LearnerCourseStatus = completion
        ? 'passed'
        : attemptsUsed >= row.attemptLimit
          ? 'no_attempts_left'
          : row.dueDate < today
            ? 'overdue'
            : 'to_do';
      return {
        ...row,
        attemptsUsed,
        status,
        completedOn: completion?.completedOn ?? null,
        certificateCode: completion?.code ?? null,
      };
    })
    .sort((a, b) => rank[a.status] - rank[b.status] || a.dueDate.localeCompare(b.dueDate));
}

/** What the learner's certificate PDF prints, for a course they passed; anything else is "not found". */
export async function myCertificate(db: Database, actor: Actor, courseId: string) {
  const person = await learner(db, actor);
  if (!isUuid(courseId)) throw notFound('Certificate');
  const completion = await completionOf(db, person.id, courseId);
  if (!completion) throw notFound('Certificate');
  return { ...(await verifyCertificate(db, completion.certificateCode)), code: completion.certificateCode };
}

/**
 * A course attachment for download: staff who manage training read any; a partner person only
 * those of courses assigned to them (another partner's course is "not found").
 */
export async function courseAttachmentFile(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  versionId: string,
  attachmentId: string,
) {
  return readCourseAttachment(db, actor, storage, versionId, attachmentId, async (tx, courseId) => {
    const person = await learner(tx, actor).catch(() => null);
    if (!person) return false;
    return (await assignmentFor(tx, person, courseId)) !== null;
  });
}
