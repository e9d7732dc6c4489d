import { type Database, departments, users } from '@outpost/db';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { emailAddress, personName, shortText } from '../fields.ts';
import { parse } from '../validation.ts';
import { type IssuedPasswordLink, issuePasswordToken } from './password-tokens.ts';

/** One administrator creation at a time (two operators racing cannot both be "first"). */
const FIRST_ADMIN_LOCK = 0x0042_0001;

export const createAdministratorInput = z
  .object({
    email: emailAddress(),
    displayName: personName(),
    force: z.boolean().default(false),
    reason: shortText(500).optional(),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  })
  .refine((v) => !v.force || (v.reason && v.reason.length >= 5), {
    message: 'With --force, say why with --reason "…" (at least 5 characters).',
    path: ['reason'],
  });

/**
 * `admin:create` (decision record 042): creates an administrator on any database and returns a
 * one-time set-password link (24 hours). Refused while an active administrator exists, unless
 * forced with a reason — which the audit entry records.
 */
export async function createAdministrator(
  db: Database,
  raw: z.input<typeof createAdministratorInput>,
): Promise<{ userId: string; link: IssuedPasswordLink; forced: boolean }> {
  const input = parse(createAdministratorInput, raw);
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
    const admins = await tx
      .select({ email: users.email })
      .from(users)
      .where(
        and(eq(users.kind, 'staff'), eq(users.status, 'active'), sql`'admin' = any(${users.staffRoles})`),
      );
    if (admins.length > 0 && !input.force) {
      throw new AppError(
        'conflict',
        `An administrator already exists (${admins.length}); administrators invite people under /s/people. To create another anyway, add --force --reason "…".`,
        { messageKey: 'people.error.adminExists', details: { administrators: admins.length } },
      );
    }
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    if (taken) {
      throw new AppError('conflict', `Someone with the e-mail ${email} already has an account.`, {
        messageKey: 'errors.email_taken',
        details: { field: 'email' },
      });
    }
    const [management] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(eq(departments.key, 'management'));
    const [user] = await tx
      .insert(users)
      .values({
        kind: 'staff',
        email,
        displayName: input.displayName,
        staffRoles: ['admin'],
        departmentId: management?.id ?? null,
        locale: input.locale,
      })
      .returning({ id: users.id });
    const link = await issuePasswordToken(tx, user!.id, 'set');
    await audit(tx, systemActor('admin:create'), {
      action: 'user.admin_created',
      entityType: 'user',
      entityId: user!.id,
      data: {
        email,
        forced: admins.length > 0,
        reason: input.reason ?? null,
        existingAdministrators: admins.length,
        linkExpiresAt: link.expiresAt.toISOString(),
      },
    });
    return { userId: user!.id, link, forced: admins.length > 0 };
  });
}
