import {
  type Database,
  partners,
  serviceCategories,
  trainingAssignments,
  trainingCourses,
  trainingPeople,
} from '@outpost/db';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';

export const assignInput = z.discriminatedUnion('target', [
  z.object({
    target: z.literal('partner'),
    courseId: z.string().uuid(),
    partnerId: z.string().uuid(),
    dueDate: z.iso.date(),
  }),
  z.object({
    target: z.literal('category'),
    courseId: z.string().uuid(),
    serviceCategory: z.enum(serviceCategories),
    dueDate: z.iso.date(),
  }),
  z.object({
    target: z.literal('person'),
    courseId: z.string().uuid(),
    personId: z.string().uuid(),
    dueDate: z.iso.date(),
  }),
]);

/** Staff assign a course to a partner, to every partner of a service category, or to one person. */
export async function assignCourse(db: Database, actor: Actor, raw: z.input<typeof assignInput>) {
  assertCan(actor, 'manage:training');
  const input = parse(assignInput, raw);
  return db.transaction(async (tx) => {
    const [course] = await tx
      .select({ id: trainingCourses.id })
      .from(trainingCourses)
      .where(eq(trainingCourses.id, input.courseId));
    if (!course) throw notFound('Course');
    let partnerId: string | null = null;
    if (input.target === 'partner') {
      const [partner] = await tx
        .select({ id: partners.id })
        .from(partners)
        .where(eq(partners.id, input.partnerId));
      if (!partner) throw notFound('Partner');
      partnerId = partner.id;
    }
    if (input.target === 'person') {
      const [person] = await tx
        .select({ partnerId: trainingPeople.partnerId })
        .from(trainingPeople)
        .where(and(eq(trainingPeople.id, input.personId), isNull(trainingPeople.removedAt)));
      if (!person) throw notFound('Person');
      partnerId = person.partnerId;
    }
    const [row] = await tx
      .insert(trainingAssignments)
      .values({
        courseId: input.courseId,
        target: input.target,
        partnerId,
        serviceCategory: input.target === 'category' ? input.serviceCategory : null,
        personId: input.target === 'person' ? input.personId : null,
        dueDate: input.dueDate,
        createdBy: actor.type === 'staff' ? actor.userId : null,
      })
      .returning();
    await audit(tx, actor, {
      action: 'training.course_assigned',
      entityType: 'training_assignment',
      entityId: row!.id,
      partnerId: partnerId ?? undefined,
      data: { courseId: input.courseId, target: input.target, dueDate: input.dueDate },
    });
    return row!;
  });
}

/** The condition "this assignment applies to that person" (by person, their partner, or their category). */
export const assignmentAppliesTo = (person: { id: string; partnerId: string; serviceCategory: string }) =>
  or(
    and(eq(trainingAssignments.target, 'person'), eq(trainingAssignments.personId, person.id)),
    and(eq(trainingAssignments.target, 'partner'), eq(trainingAssignments.partnerId, person.partnerId)),
    and(
      eq(trainingAssignments.target, 'category'),
      sql`${trainingAssignments.serviceCategory} = ${person.serviceCategory}`,
    ),
  );

/**
 * The assignment of a course that holds for a person, earliest due date first; null when the
 * course is not assigned to them.
 */
export async function assignmentFor(
  tx: Database,
  person: { id: string; partnerId: string; serviceCategory: string },
  courseId: string,
) {
  if (!isUuid(courseId)) return null;
  const [row] = await tx
    .select()
    .from(trainingAssignments)
    .where(and(eq(trainingAssignments.courseId, courseId), assignmentAppliesTo(person)))
    .orderBy(trainingAssignments.dueDate)
    .limit(1);
  return row ?? null;
}
