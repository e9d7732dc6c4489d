import {
  type Database,
  partners,
  trainingAssignments,
  trainingCompletions,
  trainingCourses,
  trainingCourseVersions,
  trainingPeople,
} from '@outpost/db';
import { and, asc, count, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid } from '../validation.ts';

/** Courses for staff, with their current version's title, newest first; search by title. */
export async function listCourses(
  db: Database,
  actor: Actor,
  options: { search?: string; page?: number; pageSize?: number } = {},
) {
  assertCan(actor, 'manage:training');
  const pageSize = Math.min(Math.max(options.pageSize ?? 20, 1), 100);
  const page = Math.max(options.page ?? 1, 1);
  const search = options.search?.trim().replace(/[\\%_]/g, '\\$&');
  const where = search
    ? or(
        ilike(trainingCourseVersions.titleZh, `%${search}%`),
        ilike(trainingCourseVersions.titleEn, `%${search}%`),
      )
    : undefined;
  const base = () =>
    db
      .select({
        id: trainingCourses.id,
        category: trainingCourses.category,
        version: trainingCourseVersions.version,
        titleZh: trainingCourseVersions.titleZh,
        titleEn: trainingCourseVersions.titleEn,
        creditMinutes: trainingCourseVersions.creditMinutes,
        publishedAt: trainingCourseVersions.publishedAt,
      })
      .from(trainingCourses)
      .innerJoin(trainingCourseVersions, eq(trainingCourseVersions.id, trainingCourses.currentVersionId))
      .where(where);
  const [rows, [total]] = await Promise.all([
    base()
      .orderBy(desc(trainingCourses.createdAt), asc(trainingCourses.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: count() })
      .from(trainingCourses)
      .innerJoin(trainingCourseVersions, eq(trainingCourseVersions.id, trainingCourses.currentVersionId))
      .where(where),
  ]);
  return { courses: rows, total: total?.n ?? 0, page, pageSize };
}

/** How many completions were made on each version of a course (publishing never moves them). */
export async function completionsByVersion(db: Database, actor: Actor, courseId: string) {
  assertCan(actor, 'manage:training');
  if (!isUuid(courseId)) return new Map<string, number>();
  const rows = await db
    .select({ versionId: trainingCompletions.courseVersionId, n: count() })
    .from(trainingCompletions)
    .where(eq(trainingCompletions.courseId, courseId))
    .groupBy(trainingCompletions.courseVersionId);
  return new Map(rows.map((r) => [r.versionId ?? '', r.n]));
}

/**
 * A course's assignments with their targets' names, due dates and how many live roster people
 * each reaches (and how many of them completed the course).
 */
export async function courseAssignments(db: Database, actor: Actor, courseId: string) {
  assertCan(actor, 'manage:training');
  if (!isUuid(courseId)) throw notFound('Course');
  const rows = await db
    .select({
      assignment: trainingAssignments,
      partnerName: partners.legalName,
      personName: trainingPeople.name,
    })
    .from(trainingAssignments)
    .leftJoin(partners, eq(partners.id, trainingAssignments.partnerId))
    .leftJoin(trainingPeople, eq(trainingPeople.id, trainingAssignments.personId))
    .where(eq(trainingAssignments.courseId, courseId))
    .orderBy(asc(trainingAssignments.dueDate), asc(trainingAssignments.id));
  const out = [];
  for (const r of rows) {
    const a = r.assignment;
    const reach =
      a.target === 'person'
        ? eq(trainingPeople.id, a.personId!)
        : a.target === 'partner'
          ? eq(trainingPeople.partnerId, a.partnerId!)
          : sql`${trainingPeople.serviceCategory} = ${a.serviceCategory}`;
    const [counts] = await db
      .select({
        people: count(trainingPeople.id),
        completed: count(trainingCompletions.id),
      })
      .from(trainingPeople)
      .leftJoin(
        trainingCompletions,
        and(eq(trainingCompletions.personId, trainingPeople.id), eq(trainingCompletions.courseId, courseId)),
      )
      .where(and(isNull(trainingPeople.removedAt), reach));
    out.push({
      ...a,
      partnerName: r.partnerName,
      personName: r.personName,
      people: counts?.people ?? 0,
      completed: counts?.completed ?? 0,
    });
  }
  return out;
}

/** Staff cancel an assignment; completions already made stay on record. */
export async function cancelAssignment(db: Database, actor: Actor, assignmentId: string) {
  assertCan(actor, 'manage:training');
  if (!isUuid(assignmentId)) throw notFound('Assignment');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(trainingAssignments)
      .where(eq(trainingAssignments.id, assignmentId))
      .returning();
    if (!row) throw notFound('Assignment');
    await audit(tx, actor, {
      action: 'training.assignment_cancelled',
      entityType: 'training_assignment',
      entityId: row.id,
      partnerId: row.partnerId ?? undefined,
      data: { courseId: row.courseId, target: row.target, dueDate: row.dueDate },
    });
    return row;
  });
}

/** Who a course can be assigned to, for the staff form: partners and live roster people (capped). */
export async function assignmentChoices(db: Database, actor: Actor) {
  assertCan(actor, 'manage:training');
  const [partnerRows, people] = await Promise.all([
    db
      .select({ id: partners.id, name: partners.legalName })
      .from(partners)
      .orderBy(asc(partners.legalName), asc(partners.id))
      .limit(1000),
    db
      .select({ id: trainingPeople.id, name: trainingPeople.name, partnerName: partners.legalName })
      .from(trainingPeople)
      .innerJoin(partners, eq(partners.id, trainingPeople.partnerId))
      .where(isNull(trainingPeople.removedAt))
      .orderBy(asc(partners.legalName), asc(trainingPeople.name), asc(trainingPeople.id))
      .limit(1000),
  ]);
  return { partners: partnerRows, people };
}
