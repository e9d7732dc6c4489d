import { trainingNotices } from '@outpost/db';
import { and, eq, isNull, or, type SQL, sql } from 'drizzle-orm';

/**
 * The condition "this notice reaches that person": to them by name, to their partner, or to their
 * service category — the same three targets as a course assignment.
 */
export const noticeReaches = (person: { id: string; partnerId: string; serviceCategory: string }) =>
  or(
    and(eq(trainingNotices.target, 'person'), eq(trainingNotices.personId, person.id)),
    and(eq(trainingNotices.target, 'partner'), eq(trainingNotices.partnerId, person.partnerId)),
    and(
      eq(trainingNotices.target, 'category'),
      sql`${trainingNotices.serviceCategory} = ${person.serviceCategory}`,
    ),
  ) as SQL;

/** The same condition as raw SQL joining a roster alias `p` to a notice alias `n`. */
export const noticeReachesSql = sql`(
  (n.target = 'person' and n.person_id = p.id)
  or (n.target = 'partner' and n.partner_id = p.partner_id)
  or (n.target = 'category' and n.service_category = p.service_category))`;

/** Notices still in force: not withdrawn. */
export const live = isNull(trainingNotices.withdrawnAt);
