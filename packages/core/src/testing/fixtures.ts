import { type Database, partnerMemberships, partners, users } from '@outpost/db';
import type { Actor, MembershipRole, StaffRole } from '../actor.ts';
import { creditCodeCheckCharacter } from '../credit-code.ts';
import { addMonths, todayInChina } from '@outpost/i18n';

/** Test fixtures: real rows through the real schema, with unique e-mails and valid credit codes. */
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export function validCreditCode(): string {
  const digits = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
  const first17 = `91310000${digits}`;
  return first17 + creditCodeCheckCharacter(first17);
}

export async function makeStaff(
  db: Database,
  roles: StaffRole[],
  extra: { passwordHash?: string; email?: string } = {},
) {
  const [user] = await db
    .insert(users)
    .values({
      kind: 'staff',
      email: extra.email ?? `staff-${unique()}@outpost.test`,
      displayName: `Staff ${roles.join('+')}`,
      staffRoles: roles,
      passwordHash: extra.passwordHash ?? null,
    })
    .returning();
  const actor: Actor = { type: 'staff', userId: user!.id, roles };
  return { user: user!, actor };
}

export async function makePartner(
  db: Database,
  extra: { legalName?: string; status?: 'invited' | 'applying' | 'active' } = {},
) {
  const [partner] = await db
    .insert(partners)
    .values({
      legalName: extra.legalName ?? `Partner ${unique()} Co., Ltd.`,
      creditCode: validCreditCode(),
      status: extra.status ?? 'active',
      serviceCategories: ['claims'],
    })
    .returning();
  return partner!;
}

export async function makePartnerUser(
  db: Database,
  partnerId: string,
  role: MembershipRole = 'partner_admin',
  extra: { passwordHash?: string; email?: string } = {},
) {
  const [user] = await db
    .insert(users)
    .values({
      kind: 'partner',
      email: extra.email ?? `partner-${unique()}@example.test`,
      displayName: `Partner user ${role}`,
      passwordHash: extra.passwordHash ?? null,
    })
    .returning();
  await db.insert(partnerMemberships).values({ userId: user!.id, partnerId, role });
  const actor: Actor = { type: 'partner', userId: user!.id, partnerId, role };
  return { user: user!, actor };
}

/**
 * Dates a document of this type can carry today: issued a month ago, expiring when its
 * validity period runs out (a year for a type without one), none for a type that never expires.
 * Relative to today, so fixtures stay valid whenever the tests run.
 */
export function validDocumentDates(
  requirement: { expires: boolean; validityMonths: number | null },
  today = todayInChina(),
): { issueDate: string; expiryDate?: string } {
  const issueDate = addMonths(today, -1);
  if (!requirement.expires) return { issueDate };
  return { issueDate, expiryDate: addMonths(issueDate, requirement.validityMonths ?? 12) };
}
export * from './hostile-files.ts';
