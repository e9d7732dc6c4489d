import { type Database, emailKinds, users } from '@outpost/db';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { AppError } from './errors.ts';
import type { EmailKind } from './notifications.ts';
import { parse } from './validation.ts';

export { emailKinds };

/** The e-mail kinds the person receives (every kind not turned off). */
export async function emailPreferences(db: Database, actor: Actor): Promise<Record<EmailKind, boolean>> {
  const userId = personOf(actor);
  const [row] = await db.select({ optOut: users.emailOptOut }).from(users).where(eq(users.id, userId));
  const off = new Set(row?.optOut ?? []);
  return Object.fromEntries(emailKinds.map((k) => [k, !off.has(k)])) as Record<EmailKind, boolean>;
}

export const emailPreferencesInput = z.object({
  enabled: z.array(z.enum(emailKinds)).max(emailKinds.length),
});

/** Sets which kinds the person receives by e-mail; the inbox keeps every notification regardless. */
export async function setEmailPreferences(
  db: Database,
  actor: Actor,
  raw: z.input<typeof emailPreferencesInput>,
): Promise<Record<EmailKind, boolean>> {
  const userId = personOf(actor);
  const input = parse(emailPreferencesInput, raw);
  const enabled = new Set(input.enabled);
  const optOut = emailKinds.filter((k) => !enabled.has(k));
  await db.transaction(async (tx) => {
    await tx.update(users).set({ emailOptOut: optOut, updatedAt: new Date() }).where(eq(users.id, userId));
    await audit(tx, actor, {
      action: 'user.email_preferences_changed',
      entityType: 'user',
      entityId: userId,
      data: { off: optOut },
    });
  });
  return emailPreferences(db, actor);
}

function personOf(actor: Actor): string {
  if (actor.type === 'staff' || actor.type === 'partner') return actor.userId;
  throw new AppError('forbidden', 'Only people have e-mail preferences.', { messageKey: 'errors.forbidden' });
}
