import {
  type Database,
  type TrainingAttachment,
  trainingCategories,
  trainingCourses,
  trainingCourseVersions,
} from '@outpost/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan, can } from '../permissions.ts';
import type { FileStorage } from '../ports.ts';
import { randomToken } from '../secrets.ts';
import { storedFileName } from '../uploads/file-name.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, judgeUpload } from '../uploads/judge-upload.ts';
import { storeWithRows } from '../uploads/stored-file.ts';
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
  attachments: TrainingAttachment[] = [],
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
      attachments,
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
export async function createCourse(
  db: Database,
  actor: Actor,
  raw: z.input<typeof createCourseInput>,
  files?: AttachmentFiles,
) {
  assertCan(actor, 'manage:training');
  const input = parse(createCourseInput, raw);
  const judged = await judgeAttachments(files);
  return withAttachments(db, files?.storage, judged, async (tx, attachments) => {
    const [course] = await tx
      .insert(trainingCourses)
      .values({ category: input.category, createdBy: actor.type === 'staff' ? actor.userId : null })
      .returning();
    const version = await insertVersion(tx, actor, course!.id, 1, input, attachments);
    await audit(tx, actor, {
      action: 'training.course_created',
      entityType: 'training_course',
      entityId: course!.id,
      data: {
        category: input.category,
        version: 1,
        titleZh: input.titleZh,
        creditMinutes: version.creditMinutes,
        attachments: attachments.map((a) => ({ fileName: a.fileName, sha256: a.sha256 })),
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
  files?: AttachmentFiles & { keep?: string[] },
) {
  assertCan(actor, 'manage:training');
  const input = parse(courseVersionInput, raw);
  if (!isUuid(courseId)) throw notFound('Course');
  const judged = await judgeAttachments(files);
  return withAttachments(db, files?.storage, judged, async (tx, uploaded) => {
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
    // Attachments of the current version the author kept, then the new uploads.
    const [current] = course.currentVersionId
      ? await tx
          .select({ attachments: trainingCourseVersions.attachments })
          .from(trainingCourseVersions)
          .where(eq(trainingCourseVersions.id, course.currentVersionId))
      : [];
    const keep = new Set(files?.keep ?? []);
    const kept = (current?.attachments ?? []).filter((a) => keep.has(a.id));
    const attachments = [...kept, ...uploaded];
    if (attachments.length > MAX_ATTACHMENTS) throw tooManyAttachments();
    const version = await insertVersion(tx, actor, courseId, (last?.version ?? 0) + 1, input, attachments);
    await audit(tx, actor, {
      action: 'training.course_version_published',
      entityType: 'training_course',
      entityId: courseId,
      data: {
        version: version.version,
        titleZh: input.titleZh,
        creditMinutes: version.creditMinutes,
        attachments: attachments.map((a) => ({ fileName: a.fileName, sha256: a.sha256 })),
      },
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

/** Files uploaded with a version: PDFs only, judged by the uploads module before anything is stored. */
export interface AttachmentFiles {
  storage: FileStorage;
  uploads: { fileName: string; bytes: Uint8Array }[];
  maxBytes?: number;
}

export const MAX_ATTACHMENTS = 10;
const tooManyAttachments = () =>
  new AppError('validation_failed', `A version has at most ${MAX_ATTACHMENTS} attachments.`, {
    messageKey: 'errors.training.too_many_attachments',
    details: { fields: [{ path: 'attachments', message: `At most ${MAX_ATTACHMENTS} attachments.` }] },
  });

type Judged = { bytes: Uint8Array; fileName: string; mime: string };

export async function judgeAttachments(files: AttachmentFiles | undefined): Promise<Judged[]> {
  const uploads = files?.uploads ?? [];
  if (uploads.length > MAX_ATTACHMENTS) throw tooManyAttachments();
  const out: Judged[] = [];
  for (const upload of uploads) {
    const { mime, ext } = await judgeUpload(upload.bytes, files?.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES);
    if (ext !== 'pdf') {
      throw new AppError('unsupported_media_type', 'Course attachments must be PDF files.', {
        messageKey: 'errors.training.attachment_type',
        details: { fields: [{ path: 'attachments', message: 'Only PDF files.' }] },
      });
    }
    out.push({ bytes: upload.bytes, fileName: storedFileName(upload.fileName, ext, 'attachments'), mime });
  }
  return out;
}

/**
 * Runs `work` in one transaction with every judged file stored alongside (each through
 * storeWithRows, nested, so a failure removes the files this call wrote).
 */
export function withAttachments<T>(
  db: Database,
  storage: FileStorage | undefined,
  judged: Judged[],
  work: (tx: Database, attachments: TrainingAttachment[]) => Promise<T>,
): Promise<T> {
  if (judged.length === 0 || !storage) return db.transaction((tx) => work(tx, []));
  const step = (tx: Database, index: number, done: TrainingAttachment[]): Promise<T> => {
    if (index === judged.length) return work(tx, done);
    const file = judged[index]!;
    return storeWithRows(tx, storage, { bytes: file.bytes, contentType: file.mime }, (inner, stored) =>
      step(inner, index + 1, [
        ...done,
        {
          id: randomToken(6),
          fileName: file.fileName,
          contentType: file.mime,
          sizeBytes: file.bytes.byteLength,
          sha256: stored.sha256,
          storageKey: stored.storageKey,
        },
      ]),
    );
  };
  return step(db, 0, []);
}

/**
 * An attachment of a course version: for staff who manage training, or for a partner person
 * the course is assigned to (any version of it). Anything else is "not found".
 */
export async function readCourseAttachment(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  versionId: string,
  attachmentId: string,
  isAssigned: (tx: Database, courseId: string) => Promise<boolean>,
) {
  if (!isUuid(versionId)) throw notFound('Attachment');
  const [version] = await db
    .select({ courseId: trainingCourseVersions.courseId, attachments: trainingCourseVersions.attachments })
    .from(trainingCourseVersions)
    .where(and(eq(trainingCourseVersions.id, versionId)));
  const attachment = version?.attachments.find((a) => a.id === attachmentId);
  if (!version || !attachment) throw notFound('Attachment');
  if (!can(actor, 'manage:training') && !(await isAssigned(db, version.courseId))) {
    throw notFound('Attachment');
  }
  return {
    bytes: await storage.get(attachment.storageKey),
    fileName: attachment.fileName,
    contentType: attachment.contentType,
  };
}
