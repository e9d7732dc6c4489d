import { type Database, partners, rowsOf, type TerminationCase, terminationHandovers } from '@outpost/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { assertCan } from '../permissions.ts';

/**
 * A partner's open service cases: a `case_opened` event (not voided by a correction) with no
 * `case_closed` (not voided either) for the same `caseId` — the way the KPIs key cases
 * (packages/core/src/performance). One row per caseId, with when it was opened.
 */
export async function openServiceCasesOf(db: Database, partnerId: string) {
  type Row = { case_id: string; opened_at: string | Date; sla_due_at: string | null };
  const rows = await db.execute<Row>(sql`
    select distinct on (o.payload->>'caseId')
      o.payload->>'caseId' as case_id, o.occurred_at as opened_at, o.payload->>'slaDueAt' as sla_due_at
    from service_events o
    where o.partner_id = ${partnerId} and o.type = 'case_opened' and o.payload->>'caseId' is not null
      and not exists (select 1 from service_events v where v.partner_id = o.partner_id and v.corrects = o.external_id)
      and not exists (
        select 1 from service_events c
        where c.partner_id = o.partner_id and c.type = 'case_closed' and c.payload->>'caseId' = o.payload->>'caseId'
          and not exists (select 1 from service_events w where w.partner_id = c.partner_id and w.corrects = c.external_id)
      )
    order by o.payload->>'caseId', o.occurred_at`);
  return rowsOf<Row>(rows).map((r) => ({
    caseId: r.case_id,
    openedAt: new Date(r.opened_at),
    slaDueAt: r.sla_due_at,
  }));
}

/**
 * Hands the leaving partner's open service cases to the successor (decision record 049, part 2):
 * one row per case in `termination_handovers`, unique on (termination case, caseId), so a retry,
 * a second click or two workers at once move nothing twice. Called inside the transaction that
 * verifies the hand-over task (the case row is locked there) and again by the effective-date
 * job for cases opened since. Rectification items, alerts and contracts do not move: they stay
 * the leaving partner's history. Audited with the counts when something moved.
 */
export async function handOverOpenCases(tx: Database, actor: Actor, row: TerminationCase) {
  if (!row.successorPartnerId) return { moved: 0, alreadyMoved: 0 };
  const open = await openServiceCasesOf(tx, row.partnerId);
  if (open.length === 0) return { moved: 0, alreadyMoved: 0 };
  const movedBy = actor.type === 'staff' ? actor.userId : null;
  const inserted = await tx
    .insert(terminationHandovers)
    .values(
      open.map((c) => ({
        terminationCaseId: row.id,
        caseId: c.caseId,
        fromPartnerId: row.partnerId,
        toPartnerId: row.successorPartnerId!,
        openedAt: c.openedAt,
        slaDueAt: c.slaDueAt,
        movedBy,
      })),
    )
    .onConflictDoNothing()
    .returning({ caseId: terminationHandovers.caseId });
  const result = { moved: inserted.length, alreadyMoved: open.length - inserted.length };
  if (inserted.length > 0) {
    await audit(tx, actor, {
      action: 'termination.cases_handed_over',
      entityType: 'termination_case',
      entityId: row.id,
      partnerId: row.partnerId,
      data: {
        successorPartnerId: row.successorPartnerId,
        ...result,
        caseIds: inserted.map((r) => r.caseId).slice(0, 200),
      },
    });
  }
  return result;
}

/** Refuses verifying the hand-over while open cases have nobody to go to. */
export async function assertHandoverPossible(tx: Database, row: TerminationCase) {
  if (row.successorPartnerId) return;
  const open = await openServiceCasesOf(tx, row.partnerId);
  if (open.length > 0) {
    throw new AppError('conflict', `Name the successor first: ${open.length} open cases need one.`, {
      messageKey: 'terminations.error.successorRequired',
      details: { openCases: open.length },
    });
  }
}

/** The cases handed over by a termination case, for staff and auditors. */
export async function handoversOfCase(db: Database, terminationCaseId: string) {
  return db
    .select()
    .from(terminationHandovers)
    .where(eq(terminationHandovers.terminationCaseId, terminationCaseId))
    .orderBy(terminationHandovers.caseId)
    .limit(1000);
}

/**
 * The cases handed over TO the signed-in partner (it is the successor), with the leaving
 * partner's name. Scoped by the actor's partner id: a partner never sees another's hand-overs.
 */
export async function handoversToMe(db: Database, actor: Actor) {
  if (actor.type !== 'partner') throw new AppError('forbidden', 'Only partner people read this.');
  assertCan(actor, 'read:partner:own');
  return db
    .select({
      caseId: terminationHandovers.caseId,
      fromName: partners.legalName,
      openedAt: terminationHandovers.openedAt,
      slaDueAt: terminationHandovers.slaDueAt,
      movedAt: terminationHandovers.movedAt,
    })
    .from(terminationHandovers)
    .innerJoin(partners, eq(partners.id, terminationHandovers.fromPartnerId))
    .where(and(eq(terminationHandovers.toPartnerId, actor.partnerId)))
    .orderBy(desc(terminationHandovers.movedAt), terminationHandovers.caseId)
    .limit(1000);
}
