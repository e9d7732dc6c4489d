import { type Database, users } from '@outpost/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { getSetting, setSetting } from '../settings.ts';
import type { checklistTaskTemplate } from './settings.ts';

/**
 * What the settings page shows for termination cases (decision record 049, part 2): the
 * approvers, the checklist template and the active staff to choose approvers from. Only
 * administrators (manage:requirements, like every setting).
 */
export async function terminationSettingsView(db: Database, actor: Actor) {
  assertCan(actor, 'manage:requirements');
  const [approvers, checklist, staff] = await Promise.all([
    getSetting(db, 'termination.approvers'),
    getSetting(db, 'termination.checklist'),
    db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(and(eq(users.kind, 'staff'), eq(users.status, 'active')))
      .orderBy(asc(users.displayName)),
  ]);
  return { approverIds: approvers.userIds, tasks: checklist.tasks, staff };
}

/**
 * Saves who approves new termination cases. Every one must be an active staff member — a
 * partner's user or a disabled account could never decide, and a case would wait for ever.
 * At least one: with none, no case could be put to approval. Cases already in approval keep
 * the approvers frozen on them. Audited by setSetting (`setting.changed`).
 */
export async function saveTerminationApprovers(db: Database, actor: Actor, userIds: string[]) {
  assertCan(actor, 'manage:requirements');
  const unique = [...new Set(userIds)];
  const fields = (message: string, code: string) => ({
    fields: [{ path: 'userIds', code, message }],
  });
  if (unique.length === 0) {
    throw new AppError('validation_failed', 'Choose at least one approver.', {
      messageKey: 'terminations.settings.approversRequired',
      details: fields('Choose at least one approver.', 'choose_one'),
    });
  }
  const found = unique.every((id) => /^[0-9a-f-]{36}$/i.test(id))
    ? await db
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.id, unique), eq(users.kind, 'staff'), eq(users.status, 'active')))
    : [];
  if (found.length !== unique.length) {
    throw new AppError('validation_failed', 'Every approver must be an active staff member.', {
      messageKey: 'terminations.settings.approversInvalid',
      details: fields('Every approver must be an active staff member.', 'invalid'),
    });
  }
  return setSetting(db, actor, 'termination.approvers', { userIds: unique });
}

/**
 * Saves the checklist template generated when a case is approved. Keys must be unique (a case
 * holds one task per key) and `handover` is where open service cases move to the successor, so
 * removing it leaves that to the effective-date job. Cases already approved keep their tasks.
 */
export async function saveTerminationChecklist(
  db: Database,
  actor: Actor,
  tasks: z.input<typeof checklistTaskTemplate>[],
) {
  assertCan(actor, 'manage:requirements');
  const seen = new Map<string, number>();
  tasks.forEach((t, i) => {
    const key = typeof t.key === 'string' ? t.key.trim() : '';
    if (key && seen.has(key)) {
      throw new AppError('validation_failed', `Task ${i + 1} repeats the key “${key}”.`, {
        messageKey: 'terminations.settings.duplicateKey',
        details: { key, fields: [{ path: `tasks.${i}.key`, code: 'invalid', message: 'Use another key.' }] },
      });
    }
    seen.set(key, i);
  });
  return setSetting(db, actor, 'termination.checklist', { tasks });
}
