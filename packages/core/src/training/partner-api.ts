import { type Database, trainingCompletions, trainingPeople } from '@outpost/db';
import { and, asc, count, eq, gte, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { calendarDate, pageNumber, pageSize } from '../fields.ts';
import { assertCan } from '../permissions.ts';
import { parse } from '../validation.ts';
import { maskStaffNumber } from './requirements.ts';

/**
 * Read-only training data for a partner's own systems (decision record 032): its roster and its
 * completions. Only a partner's people or API keys call these; the partner is always the caller's
 * own, so another partner's rows cannot be named, let alone read.
 */
function ownPartner(actor: Actor): string {
  if (actor.type !== 'partner' && actor.type !== 'api_key') {
    throw new AppError('forbidden', 'This is a partner’s own training; staff read it per partner.', {
      messageKey: 'errors.forbidden',
    });
  }
  assertCan(actor, 'read:training:own');
  return actor.partnerId;
}

const pageInput = z.object({ page: pageNumber().optional(), pageSize: pageSize(200).optional() });

/** The partner's current roster (removed people left out), staff numbers masked, by name. */
export async function ownTrainingPeople(
  db: Database,
  actor: Actor,
  raw: { page?: number; pageSize?: number } = {},
) {
  const partnerId = ownPartner(actor);
  const input = parse(pageInput, raw);
  const page = input.page ?? 1;
  const size = input.pageSize ?? 50;
  const where = and(eq(trainingPeople.partnerId, partnerId), isNull(trainingPeople.removedAt));
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(trainingPeople)
      .where(where)
      .orderBy(asc(trainingPeople.name), asc(trainingPeople.id))
      .limit(size)
      .offset((page - 1) * size),
    db.select({ n: count() }).from(trainingPeople).where(where),
  ]);
  return {
    items: rows.map((p) => ({
      id: p.id,
      name: p.name,
      staffNumber: maskStaffNumber(p.staffNumber),
      jobRole: p.jobRole,
      serviceCategory: p.serviceCategory,
      startDate: p.startDate,
      hasPortalAccount: p.userId !== null,
    })),
    total: total?.n ?? 0,
    page,
    pageSize: size,
  };
}

const completionsInput = pageInput.extend({ since: calendarDate().optional() });

/**
 * The partner's training completions (course and external) completed on or after `since`
 * (a YYYY-MM-DD date, China Standard Time; default: all), oldest first, paginated.
 */
export async function ownTrainingCompletions(
  db: Database,
  actor: Actor,
  raw: { since?: string; page?: number; pageSize?: number } = {},
) {
  const partnerId = ownPartner(actor);
  const input = parse(completionsInput, raw);
  const page = input.page ?? 1;
  const size = input.pageSize ?? 100;
  const where = and(
    eq(trainingCompletions.partnerId, partnerId),
    input.since ? gte(trainingCompletions.completedOn, input.since) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(trainingCompletions)
      .where(where)
      .orderBy(
        asc(trainingCompletions.completedOn),
        asc(trainingCompletions.createdAt),
        asc(trainingCompletions.id),
      )
      .limit(size)
      .offset((page - 1) * size),
    db.select({ n: count() }).from(trainingCompletions).where(where),
  ]);
  return {
    items: rows.map((c) => ({
      id: c.id,
      personId: c.personId,
      source: c.source,
      courseId: c.courseId,
      courseVersionId: c.courseVersionId,
      category: c.category,
      minutes: c.minutes,
      completedOn: c.completedOn,
      certificateCode: c.certificateCode,
      recordedAt: c.createdAt,
    })),
    total: total?.n ?? 0,
    page,
    pageSize: size,
  };
}
