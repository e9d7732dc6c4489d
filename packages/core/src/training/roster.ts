import { type Database, serviceCategories, trainingPeople } from '@outpost/db';
import { and, asc, count, eq, ilike, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { assertPartnerActive } from '../partner-status.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { maskStaffNumber } from './requirements.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD.')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && d >= '1950-01-01', 'Not a valid date.');

export const personInput = z.object({
  name: z.string().trim().min(1).max(100),
  staffNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{4,40}$/, 'Use 4–40 letters, digits or hyphens (ID or staff number).'),
  jobRole: z.string().trim().min(1).max(100),
  serviceCategory: z.enum(serviceCategories),
  startDate: isoDate,
  userId: z.string().uuid().optional(),
});

/** The partner whose roster the actor keeps: a partner administrator's own organisation only. */
async function rosterPartner(db: Database, actor: Actor): Promise<string> {
  assertCan(actor, 'manage:training-roster:own');
  if (actor.type !== 'partner') {
    throw new AppError('forbidden', 'Only the partner keeps its roster.', { messageKey: 'errors.forbidden' });
  }
  // A suspended partner keeps its roster as it is. Its people may still take assigned training
  // (submitAttempt does not check): learning is how a partner works its way back, like an appeal.
  await assertPartnerActive(db, actor);
  return actor.partnerId;
}

const duplicateNumber = () =>
  new AppError('conflict', 'Someone with this ID or staff number is already on the roster.', {
    messageKey: 'errors.training.person_exists',
    details: { fields: [{ path: 'staffNumber', message: 'Already on the roster.' }] },
  });

/** Adds a person to the partner's roster. */
export async function addPerson(db: Database, actor: Actor, raw: z.input<typeof personInput>) {
  const partnerId = await rosterPartner(db, actor);
  const input = parse(personInput, raw);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: trainingPeople.id })
      .from(trainingPeople)
      .where(
        and(
          eq(trainingPeople.partnerId, partnerId),
          eq(trainingPeople.staffNumber, input.staffNumber),
          isNull(trainingPeople.removedAt),
        ),
      );
    if (existing) throw duplicateNumber();
    const [person] = await tx
      .insert(trainingPeople)
      .values({ ...input, userId: input.userId ?? null, partnerId })
      .returning();
    await audit(tx, actor, {
      action: 'training.person_added',
      entityType: 'training_person',
      entityId: person!.id,
      partnerId,
      data: {
        name: input.name,
        staffNumber: maskStaffNumber(input.staffNumber),
        serviceCategory: input.serviceCategory,
      },
    });
    return person!;
  });
}

/** A live roster entry of the actor's own partner, locked; anything else is "not found". */
async function ownPerson(tx: Database, partnerId: string, personId: string) {
  if (!isUuid(personId)) throw notFound('Person');
  const [person] = await tx
    .select()
    .from(trainingPeople)
    .where(
      and(
        eq(trainingPeople.id, personId),
        eq(trainingPeople.partnerId, partnerId),
        isNull(trainingPeople.removedAt),
      ),
    )
    .for('update');
  if (!person) throw notFound('Person');
  return person;
}

export async function updatePerson(
  db: Database,
  actor: Actor,
  personId: string,
  raw: z.input<typeof personInput>,
) {
  const partnerId = await rosterPartner(db, actor);
  const input = parse(personInput, raw);
  return db.transaction(async (tx) => {
    const before = await ownPerson(tx, partnerId, personId);
    if (before.staffNumber !== input.staffNumber) {
      const [clash] = await tx
        .select({ id: trainingPeople.id })
        .from(trainingPeople)
        .where(
          and(
            eq(trainingPeople.partnerId, partnerId),
            eq(trainingPeople.staffNumber, input.staffNumber),
            isNull(trainingPeople.removedAt),
          ),
        );
      if (clash) throw duplicateNumber();
    }
    const [person] = await tx
      .update(trainingPeople)
      .set({ ...input, userId: input.userId ?? null, updatedAt: new Date() })
      .where(eq(trainingPeople.id, before.id))
      .returning();
    await audit(tx, actor, {
      action: 'training.person_updated',
      entityType: 'training_person',
      entityId: before.id,
      partnerId,
      data: { name: input.name, serviceCategory: input.serviceCategory, startDate: input.startDate },
    });
    return person!;
  });
}

/** Removes a person from the roster; their training record stays (it is history). */
export async function removePerson(db: Database, actor: Actor, personId: string) {
  const partnerId = await rosterPartner(db, actor);
  return db.transaction(async (tx) => {
    const person = await ownPerson(tx, partnerId, personId);
    await tx
      .update(trainingPeople)
      .set({ removedAt: new Date(), updatedAt: new Date() })
      .where(eq(trainingPeople.id, person.id));
    await audit(tx, actor, {
      action: 'training.person_removed',
      entityType: 'training_person',
      entityId: person.id,
      partnerId,
      data: { name: person.name },
    });
  });
}

/** The roster, staff numbers masked: a partner reads its own, staff any partner's. */
export async function listPeople(
  db: Database,
  actor: Actor,
  options: { partnerId?: string; search?: string; page?: number; pageSize?: number } = {},
) {
  let partnerId: string;
  if (actor.type === 'partner') {
    assertCan(actor, 'read:training:own');
    partnerId = actor.partnerId;
  } else {
    assertCan(actor, 'read:training:any');
    if (!options.partnerId || !isUuid(options.partnerId)) throw notFound('Partner');
    partnerId = options.partnerId;
  }
  const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 200);
  const page = Math.max(options.page ?? 1, 1);
  // Escaped so that a % or _ typed into the search box matches itself.
  const search = options.search?.trim().replace(/[\\%_]/g, '\\$&');
  const where = and(
    eq(trainingPeople.partnerId, partnerId),
    isNull(trainingPeople.removedAt),
    search
      ? or(ilike(trainingPeople.name, `%${search}%`), ilike(trainingPeople.jobRole, `%${search}%`))
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(trainingPeople)
      .where(where)
      .orderBy(asc(trainingPeople.name), asc(trainingPeople.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(trainingPeople).where(where),
  ]);
  return {
    people: rows.map(({ staffNumber, ...rest }) => ({ ...rest, staffNumber: maskStaffNumber(staffNumber) })),
    total: total?.n ?? 0,
    page,
    pageSize,
  };
}
