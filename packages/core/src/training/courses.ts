import { type Database, trainingCategories, trainingCourses, trainingCourseVersions } from '@outpost/db';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { questionInput, withQuestionIds } from './assessment.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** The content of one version: what people read and answer. */
export const courseVersionInput = z.object({
  titleZh: text(200),
  titleEn: text(200),
  bodyZh: text(100_000),
  bodyEn: text(100_000),
  videoUrl: z
    .string()
    .trim()
    .url()
    .max(2000)
    .refine((u) => /^https:\/\//i.test(u), 'Link videos over https.')
    .optional(),
  /** Credit hours, in steps of a quarter hour. */
  creditHours: z
    .number()
    .min(0.25)
    .max(100)
    .refine((h) => Number.isInteger(h * 4), 'Give credit hours in steps of 0.25.'),
  questions: z.array(questionInput).min(1).max(100),
  passMark: z.number().int().min(0).max(100),
  attemptLimit: z.number().int().min(1).max(20),
  shuffle: z.boolean().default(false),
});

export const createCourseInput = courseVersionInput.extend({ category: z.enum(trainingCategories) });

async function insertVersion(
  tx: Database,
  actor: Actor,
  courseId: string,
  version: number,
  input: z.output<typeof courseVersionInput>,
) {
  const [row] = await tx
    .insert(trainingCourseVersions)
    .values({
      courseId,
      version,
      titleZh: input.titleZh,
      titleEn: input.titleEn,
      bodyZh: input.bodyZh,
      bodyEn: input.bodyEn,
      videoUrl: input.videoUrl ?? null,
      creditMinutes: Math.round(input.creditHours * 60),
      questions: withQuestionIds(input.questions),
      passMark: input.passMark,
      attemptLimit: input.attemptLimit,
      shuffle: input.shuffle,
      publishedBy: actor.type === 'staff' ? actor.userId : null,
    })
    .returning();
  await tx
    .update(trainingCourses)
    .set({ currentVersionId: row!.id, updatedAt: new Date() })
    .where(eq(trainingCourses.id, courseId));
  return row!;
}

/** Staff create a course with its first published version. */
export async function createCourse(db: Database, actor: Actor, raw: z.input<typeof createCourseInput>) {
  assertCan(actor, 'manage:training');
  const input = parse(createCourseInput, raw);
  return db.transaction(async (tx) => {
    const [course] = await tx
      .insert(trainingCourses)
      .values({ category: input.category, createdBy: actor.type === 'staff' ? actor.userId : null })
      .returning();
    const version = await insertVersion(tx, actor, course!.id, 1, input);
    await audit(tx, actor, {
      action: 'training.course_created',
      entityType: 'training_course',
      entityId: course!.id,
      data: {
        category: input.category,
        version: 1,
        titleZh: input.titleZh,
        creditMinutes: version.creditMinutes,
      },
    });
    return { course: { ...course!, currentVersionId: version.id }, version };
  });
}

/**
 * Publishes a new version. Earlier versions stay as they are: attempts and completions made on them
 * keep pointing at them, and people who already completed the course are not asked to redo it.
 */
export async function publishCourseVersion(
  db: Database,
  actor: Actor,
  courseId: string,
  raw: z.input<typeof courseVersionInput>,
) {
  assertCan(actor, 'manage:training');
  const input = parse(courseVersionInput, raw);
  if (!isUuid(courseId)) throw notFound('Course');
  return db.transaction(async (tx) => {
    const [course] = await tx
      .select()
      .from(trainingCourses)
      .where(eq(trainingCourses.id, courseId))
      .for('update');
    if (!course) throw notFound('Course');
    const [last] = await tx
      .select({ version: sql<number>`max(${trainingCourseVersions.version})` })
      .from(trainingCourseVersions)
      .where(eq(trainingCourseVersions.courseId, courseId));
    const version = await insertVersion(tx, actor, courseId, (last?.version ?? 0) + 1, input);
    await audit(tx, actor, {
      action: 'training.course_version_published',
      entityType: 'training_course',
      entityId: courseId,
      data: { version: version.version, titleZh: input.titleZh, creditMinutes: version.creditMinutes },
    });
    return version;
  });
}

/** Every version of a course, newest first, with the answers: for staff who author it. */
export async function courseForAuthors(db: Database, actor: Actor, courseId: string) {
  assertCan(actor, 'manage:training');
  if (!isUuid(courseId)) throw notFound('Course');
  const [course] = await db.select().from(trainingCourses).where(eq(trainingCourses.id, courseId));
  if (!course) throw notFound('Course');
  const versions = await db
    .select()
    .from(trainingCourseVersions)
    .where(eq(trainingCourseVersions.courseId, courseId))
    .orderBy(desc(trainingCourseVersions.version));
  return { course, versions };
}
