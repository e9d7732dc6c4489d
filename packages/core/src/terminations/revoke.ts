import {
  apiKeys,
  contracts,
  type Database,
  partnerMemberships,
  partners,
  terminationCases,
  users,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { loggerFor } from '@outpost/log';
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { type Actor, systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { notify } from '../notifications.ts';
import { endPersonalAccess } from '../people/access.ts';
import { handOverOpenCases } from './handover.ts';
import { caseLink } from './shared.ts';

const log = loggerFor('terminations');
export const TERMINATION_JOB = 'termination-effective';

/**
 * The effective-date job (decision record 049): for every approved case whose effective date
 * (China's calendar) has come, closes the partner's access in one transaction per case — every
 * session of its people ends and their accounts are disabled (with Slack links and password
 * links), every API key is revoked, the partner becomes `terminated` (so ingestion refuses it
 * with `partner.terminated`), its contracts in force become `terminated`; each step audited.
 * Nothing is deleted: staff and auditors keep reading its records.
 *
 * Idempotent and safe with two workers: each case is claimed with FOR UPDATE SKIP LOCKED and
 * its status re-read, so a case is completed once; a rerun finds nothing due.
 */
export async function runTerminationsDue(db: Database, now = new Date()) {
  const today = todayInChina(now);
  const due = await db
    .select({ id: terminationCases.id })
    .from(terminationCases)
    .where(and(eq(terminationCases.status, 'approved'), lte(terminationCases.effectiveDate, today)));
  const completed: string[] = [];
  for (const { id } of due) {
    if (await completeCase(db, id, now)) completed.push(id);
  }
  if (completed.length)
    log.info({ completed: completed.length }, 'Termination cases reached their effective date');
  return { completed };
}

async function completeCase(db: Database, caseId: string, now: Date): Promise<boolean> {
  const actor: Actor = systemActor(TERMINATION_JOB);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(terminationCases)
      .where(and(eq(terminationCases.id, caseId), eq(terminationCases.status, 'approved')))
      .for('update', { skipLocked: true });
    if (!row) return false;
    const entry = (action: string, data: Record<string, unknown>) =>
      audit(tx, actor, {
        action,
        entityType: 'termination_case',
        entityId: row.id,
        partnerId: row.partnerId,
        data,
      });

    // 0. Open service cases opened since the hand-over was verified go to the successor too
    //    (nothing already moved moves again; without a successor nothing moves).
    await handOverOpenCases(tx, actor, row);

    // 1. People: every account of the partner disabled, its sessions, Slack and password links ended.
    const members = await tx
      .select({ id: users.id, status: users.status })
      .from(partnerMemberships)
      .innerJoin(users, eq(users.id, partnerMemberships.userId))
      .where(eq(partnerMemberships.partnerId, row.partnerId));
    let sessionsEnded = 0;
    for (const m of members) {
      const ended = await endPersonalAccess(tx, m.id);
      sessionsEnded += ended.sessionsEnded;
    }
    const ids = members.map((m) => m.id);
    const disabled = ids.length
      ? await tx
          .update(users)
          .set({ status: 'disabled', updatedAt: now })
          .where(and(inArray(users.id, ids), eq(users.status, 'active')))
          .returning({ id: users.id })
      : [];
    await entry('termination.access_revoked', {
      accountsDisabled: disabled.map((u) => u.id),
      sessionsEnded,
    });

    // 2. Every API key of the partner, whoever created it.
    const keys = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.partnerId, row.partnerId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    await entry('termination.api_keys_revoked', { keyIds: keys.map((k) => k.id) });

    // 3. Contracts in force end.
    const ended = await tx
      .update(contracts)
      .set({ status: 'terminated', updatedAt: now })
      .where(and(eq(contracts.partnerId, row.partnerId), inArray(contracts.status, ['active', 'expiring'])))
      .returning({ id: contracts.id, reference: contracts.reference });
    for (const c of ended) {
      await audit(tx, actor, {
        action: 'contract.terminated',
        entityType: 'contract',
        entityId: c.id,
        partnerId: row.partnerId,
        data: { terminationCaseId: row.id, reference: c.reference },
      });
    }

    // 4. The partner and the case.
    const [before] = await tx
      .select({ status: partners.status, name: partners.legalName })
      .from(partners)
      .where(eq(partners.id, row.partnerId))
      .for('update');
    await tx
      .update(partners)
      .set({ status: 'terminated', updatedAt: now })
      .where(eq(partners.id, row.partnerId));
    await audit(tx, actor, {
      action: 'partner.terminated',
      entityType: 'partner',
      entityId: row.partnerId,
      partnerId: row.partnerId,
      data: { from: before?.status ?? null, terminationCaseId: row.id },
    });
    await tx
      .update(terminationCases)
      .set({ status: 'completed', completedAt: now, updatedAt: sql`now()` })
      .where(eq(terminationCases.id, row.id));
    await entry('termination.completed', {
      effectiveDate: row.effectiveDate,
      contractsTerminated: ended.map((c) => c.reference),
    });
    await notify(tx, {
      userIds: [row.responsibleId].filter((x): x is string => !!x),
      staffRoles: ['admin'],
      template: 'notify.termination_completed',
      params: { name: before?.name ?? '', date: row.effectiveDate },
      link: caseLink(row.id),
    });
    return true;
  });
}
