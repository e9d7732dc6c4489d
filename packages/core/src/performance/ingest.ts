import { randomUUID } from 'node:crypto';
import { type Database, partners, rowsOf, serviceEvents } from '@outpost/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan, can } from '../permissions.ts';
import { assertNotSuspended } from '../partner-status.ts';
import { isUuid } from '../validation.ts';
import type { EventIssue } from './event-issues.ts';
import { rollupCtes } from './rollup-sql.ts';
import { evaluateAfterBatch } from '../risk/evaluate.ts';
import { type BadEvent, batchError, type EventRow, validateBatch } from './validate-batch.ts';

/** Namespace of the per-partner advisory lock taken by batches that contain corrections. */
const CORRECTIONS_LOCK = 7240302;

export interface IngestInput {
  /** Required for staff; for an API key it may be omitted and, if given, must be the key's own partner. */
  partnerId?: string | undefined;
  events: unknown;
}

export interface IngestResult {
  batchId: string;
  accepted: number;
  duplicates: number;
}

/**
 * Stores a batch of service events for one partner and updates its daily rollups in the
 * same transaction. All or nothing: one bad event and nothing is stored. Idempotent: an
 * event whose (partner, externalId) is already stored is skipped, and rollups are fed
 * only from the rows this call actually inserted — so retries, even concurrent ones,
 * never count an event twice. The first version of an event wins; send a correction to change it.
 */
export async function ingestEvents(
  db: Database,
  actor: Actor,
  input: IngestInput,
  now = Date.now(),
): Promise<IngestResult> {
  const partnerId = await targetPartner(db, actor, input.partnerId);
  // No events are taken for a suspended partner, whether its key sends them or staff import them.
  await assertNotSuspended(db, partnerId);
  const rows = validateBatch(input.events, now);
  const batchId = randomUUID();
  return db
    .transaction(async (tx) => {
      const corrections = rows.filter((r) => r.corrects !== null);
      if (corrections.length > 0) {
        // Batches that void events serialise per partner, so the check below sees every committed
        // correction: a retried correction is then a plain duplicate and a second, different one
        // a validation error — never a unique violation raised mid-insert.
        await tx.execute(sql`select pg_advisory_xact_lock(${CORRECTIONS_LOCK}, hashtext(${partnerId}))`);
        await checkCorrectionTargets(tx, partnerId, rows);
      }

      const [result] = rowsOf<{ accepted: number }>(
        await tx.execute(sql`
        with input as (
          select * from json_to_recordset(${JSON.stringify(rows)}::json)
            as r(external_id text, type text, occurred_at timestamptz, payload jsonb, corrects text)
        ),
        inserted as (
          insert into service_events (partner_id, external_id, type, occurred_at, payload, corrects, batch_id)
          select ${partnerId}::uuid, external_id, type, occurred_at, payload, corrects, ${batchId}::uuid
          from input order by external_id
          on conflict (partner_id, external_id) do nothing
          returning type, occurred_at, payload
        ),
        ${rollupCtes(partnerId, 'inserted', 1)}
        select count(*)::int as accepted from inserted`),
      );
      const accepted = result?.accepted ?? 0;

      // Voiding runs as its own statement: its snapshot then sees a target that a concurrent
      // batch committed while the insert above waited on it.
      if (corrections.length > 0 && accepted > 0) {
        const ids = JSON.stringify(corrections.map((c) => c.external_id));
        await tx.execute(sql`
        with voided as (
          select o.type, o.occurred_at, o.payload
          from service_events c
          join service_events o on o.partner_id = c.partner_id and o.external_id = c.corrects
          where c.partner_id = ${partnerId}::uuid and c.batch_id = ${batchId}::uuid
            and c.external_id in (select jsonb_array_elements_text(${ids}::jsonb))
        ),
        ${rollupCtes(partnerId, 'voided', -1)}
        select 1`);
      }

      if (accepted > 0) {
        await audit(tx, actor, {
          action: 'events.ingested',
          entityType: 'event_batch',
          entityId: batchId,
          partnerId,
          data: { received: rows.length, accepted, duplicates: rows.length - accepted },
        });
      }
      return { batchId, accepted, duplicates: rows.length - accepted };
    })
    .then(async (result) => {
      // Risk rules see the new rollups once they are committed; only this partner is evaluated.
      if (result.accepted > 0) await evaluateAfterBatch(db, partnerId, new Date(now));
      return result;
    })
    .catch((error: unknown) => {
      if (violates(error, 'service_events_corrects_key')) {
        throw new AppError(
          'conflict',
          'Another correction of the same event arrived at the same time; nothing in this batch was stored.',
          {
            messageKey: 'errors.events_correction_race',
          },
        );
      }
      throw error;
    });
}

/** A unique violation of the named constraint, as postgres.js or PGlite report it (possibly wrapped by Drizzle). */
function violates(error: unknown, constraint: string): boolean {
  for (
    let e = error as
      | { code?: string; constraint?: string; constraint_name?: string; cause?: unknown }
      | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '23505' && (e.constraint ?? e.constraint_name) === constraint) return true;
  }
  return false;
}

/** The partner the events are for: the key's own, or the one staff named. */
async function targetPartner(db: Database, actor: Actor, requested: string | undefined): Promise<string> {
  if (actor.type === 'api_key') {
    assertCan(actor, 'ingest:events:own');
    if (requested !== undefined && requested !== actor.partnerId) {
      throw new AppError(
        'forbidden',
        'This key sends events for its own partner only; omit partnerId or use your own.',
        {
          messageKey: 'errors.events_foreign_partner',
        },
      );
    }
    return actor.partnerId;
  }
  if (!can(actor, 'ingest:events:any')) {
    throw new AppError(
      'forbidden',
      'Events are sent by a partner system with an API key of scope "events", or imported by staff.',
      {
        messageKey: 'errors.forbidden',
        details: { permission: 'ingest:events:any' },
      },
    );
  }
  if (!requested) {
    throw new AppError('validation_failed', 'Name the partner the events are for.', {
      details: { fields: [{ path: 'partnerId', message: 'Required for staff.' }] },
    });
  }
  if (!isUuid(requested)) throw notFound('Partner');
  const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.id, requested));
  if (!partner) throw notFound('Partner');
  return partner.id;
}

/**
 * A correction must name an event of this partner (stored, or earlier in this batch) that is
 * not itself a correction and that no other correction has voided yet. Checked under the
 * per-partner corrections lock, before the insert, so a bad correction fails the whole batch
 * with its index; the partial unique index on (partner_id, corrects) is the last safety net.
 */
async function checkCorrectionTargets(tx: Database, partnerId: string, rows: EventRow[]): Promise<void> {
  const targets = [...new Set(rows.flatMap((r) => (r.corrects ? [r.corrects] : [])))];
  const stored = await tx
    .select({ externalId: serviceEvents.externalId, type: serviceEvents.type })
    .from(serviceEvents)
    .where(and(eq(serviceEvents.partnerId, partnerId), inArray(serviceEvents.externalId, targets)));
  const storedType = new Map(stored.map((s) => [s.externalId, s.type]));
  const voidedBy = new Map(
    (
      await tx
        .select({ externalId: serviceEvents.externalId, corrects: serviceEvents.corrects })
        .from(serviceEvents)
        .where(and(eq(serviceEvents.partnerId, partnerId), inArray(serviceEvents.corrects, targets)))
    ).map((c) => [c.corrects!, c.externalId]),
  );
  const inBatch = new Map(rows.map((r) => [r.external_id, r.type]));
  const claimed = new Map<string, string>();
  const bad: BadEvent[] = [];
  for (const [index, row] of rows.entries()) {
    const target = row.corrects;
    if (!target) continue;
    const type = storedType.get(target) ?? inBatch.get(target);
    const earlier = voidedBy.get(target) ?? claimed.get(target);
    let issue: EventIssue | undefined;
    if (!type)
      issue = {
        path: 'correctsExternalId',
        code: 'unknown_target',
        params: { target },
        message: `correctsExternalId ${target} names no event of yours.`,
      };
    else if (type === 'correction')
      issue = {
        path: 'correctsExternalId',
        code: 'correction_of_correction',
        params: { target },
        message: 'A correction cannot be corrected; send the right event and correct the original instead.',
      };
    // The same correction sent again is a harmless duplicate, not a second voiding.
    else if (earlier !== undefined && earlier !== row.external_id)
      issue = {
        path: 'correctsExternalId',
        code: 'already_corrected',
        params: { target, by: earlier },
        message: `Event ${target} was already corrected by ${earlier}.`,
      };
    if (issue) bad.push({ index, externalId: row.external_id, reason: issue.message, issues: [issue] });
    else claimed.set(target, row.external_id);
  }
  if (bad.length > 0) throw batchError(bad);
}
