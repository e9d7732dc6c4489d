import { type Database, quarterlyReviews, rectificationEvidence, rectificationItems } from '@outpost/db';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import {
  evidenceDownload,
  evidenceReader,
  uploadEvidence,
  withoutStorageKey,
} from '../uploads/evidence-upload.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify } from '../notifications.ts';
import { assertPartnerActive } from '../partner-status.ts';
import { assertCan } from '../permissions.ts';
import type { FileStorage } from '../ports.ts';
import { isUuid, parse } from '../validation.ts';
import { partnerName, partnerUserIds, personId, respondingPartner } from './members.ts';

const stateError = () =>
  new AppError('conflict', 'This rectification item cannot do that in its current state.', {
    messageKey: 'errors.rectification_item_state',
  });

/**
 * An item and its review, locked. A partner reaches only its own organisation's items of
 * finalised reviews; anything else is "not found", never "forbidden".
 */
async function lockItem(tx: Database, actor: Actor, itemId: string) {
  if (!isUuid(itemId)) throw notFound('Rectification item');
  const [row] = await tx
    .select({ item: rectificationItems, review: quarterlyReviews })
    .from(rectificationItems)
    .innerJoin(quarterlyReviews, eq(quarterlyReviews.id, rectificationItems.reviewId))
    .where(eq(rectificationItems.id, itemId))
    .for('update', { of: rectificationItems });
  if (!row) throw notFound('Rectification item');
  const ownPartner = actor.type === 'partner' || actor.type === 'api_key' ? actor.partnerId : undefined;
  if (ownPartner !== undefined && (row.item.partnerId !== ownPartner || row.review.status === 'draft')) {
    throw notFound('Rectification item');
  }
  return row;
}

const rectifyingPartner = (actor: Actor) =>
  respondingPartner(actor, 'Only the partner rectifies its own items.');

/**
 * The partner attaches an evidence file to an open item. Same rules as qualification
 * documents: type sniffed from the content (PDF, PNG, JPEG, DOCX, XLSX), size limit, and
 * the bytes stored content-addressed under their sha256 (the key scheme of uploadDocument).
 */
export async function uploadRectificationEvidence(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  raw: { itemId: string; fileName: string; bytes: Uint8Array },
  limits: { maxBytes?: number } = {},
) {
  const partnerId = rectifyingPartner(actor);
  await assertPartnerActive(db, actor);
  return uploadEvidence(db, storage, {
    idField: 'itemId',
    raw,
    maxBytes: limits.maxBytes,
    // Refuse a foreign or closed item before storing anything.
    before: async (itemId) => {
      const { item } = await lockItem(db, actor, itemId);
      if (item.status !== 'open') throw stateError();
      return itemId;
    },
    save: async (tx, file, itemId) => {
      const { item } = await lockItem(tx, actor, itemId);
      if (item.status !== 'open') throw stateError();
      const [saved] = await tx
        .insert(rectificationEvidence)
        .values({ itemId: item.id, partnerId, ...file, uploadedBy: personId(actor) })
        .returning();
      const { fileName, sha256, sizeBytes, contentType } = file;
      await audit(tx, actor, {
        action: 'rectification.evidence_uploaded',
        entityType: 'rectification_item',
        entityId: item.id,
        partnerId,
        data: { evidenceId: saved!.id, fileName, sha256, sizeBytes, contentType },
      });
      return withoutStorageKey(saved!);
    },
  });
}

/** The partner marks an open item done; staff then verify it. Needs at least one evidence file. */
export async function submitRectificationItem(db: Database, actor: Actor, itemId: string) {
  const partnerId = rectifyingPartner(actor);
  await assertPartnerActive(db, actor);
  return db.transaction(async (tx) => {
    const { item } = await lockItem(tx, actor, itemId);
    if (item.status !== 'open') throw stateError();
    const [evidence] = await tx
      .select({ id: rectificationEvidence.id })
      .from(rectificationEvidence)
      .where(eq(rectificationEvidence.itemId, item.id))
      .limit(1);
    if (!evidence) {
      throw new AppError('validation_failed', 'Upload at least one evidence file before submitting.', {
        messageKey: 'errors.rectification_evidence_required',
        details: {
          fields: [
            { path: 'evidence', message: 'Upload at least one evidence file.', code: 'file_required' },
          ],
        },
      });
    }
    const [updated] = await tx
      .update(rectificationItems)
      .set({
        status: 'submitted',
        submittedAt: new Date(),
        submittedBy: personId(actor),
        updatedAt: new Date(),
      })
      .where(eq(rectificationItems.id, item.id))
      .returning();
    await audit(tx, actor, {
      action: 'rectification.submitted',
      entityType: 'rectification_item',
      entityId: item.id,
      partnerId,
      data: { reviewId: item.reviewId },
    });
    await notify(tx, {
      staffRoles: ['risk_officer'],
      template: 'notify.rectification_submitted',
      params: { name: await partnerName(tx, partnerId), description: item.description.slice(0, 80) },
      link: `/s/reviews/${item.reviewId}`,
    });
    return updated!;
  });
}

/** Staff verify a submitted item: it is closed for good. */
export async function verifyRectificationItem(db: Database, actor: Actor, itemId: string) {
  assertCan(actor, 'manage:reviews');
  return db.transaction(async (tx) => {
    const { item } = await lockItem(tx, actor, itemId);
    if (item.status !== 'submitted') throw stateError();
    const [updated] = await tx
      .update(rectificationItems)
      .set({
        status: 'closed',
        verifiedAt: new Date(),
        verifiedBy: personId(actor),
        reopenReason: null,
        updatedAt: new Date(),
      })
      .where(eq(rectificationItems.id, item.id))
      .returning();
    await audit(tx, actor, {
      action: 'rectification.verified',
      entityType: 'rectification_item',
      entityId: item.id,
      partnerId: item.partnerId,
      data: { reviewId: item.reviewId },
    });
    await notify(tx, {
      userIds: await partnerUserIds(tx, item.partnerId),
      template: 'notify.rectification_verified',
      params: { description: item.description.slice(0, 80) },
      link: `/p/reviews/${item.reviewId}`,
      email: 'rectification',
    });
    return updated!;
  });
}

export const reopenInput = z.object({
  itemId: z.string(),
  reason: z.string().trim().min(10, 'Tell the partner why, in at least 10 characters.').max(2000),
});

/** Staff send a submitted (or closed) item back to the partner with a reason. */
export async function reopenRectificationItem(db: Database, actor: Actor, raw: z.input<typeof reopenInput>) {
  assertCan(actor, 'manage:reviews');
  const input = parse(reopenInput, raw);
  return db.transaction(async (tx) => {
    const { item } = await lockItem(tx, actor, input.itemId);
    if (item.status === 'open') throw stateError();
    const [updated] = await tx
      .update(rectificationItems)
      .set({
        status: 'open',
        reopenReason: input.reason,
        verifiedAt: null,
        verifiedBy: null,
        updatedAt: new Date(),
      })
      .where(eq(rectificationItems.id, item.id))
      .returning();
    await audit(tx, actor, {
      action: 'rectification.reopened',
      entityType: 'rectification_item',
      entityId: item.id,
      partnerId: item.partnerId,
      data: { reviewId: item.reviewId, from: item.status, reason: input.reason },
    });
    await notify(tx, {
      userIds: await partnerUserIds(tx, item.partnerId),
      template: 'notify.rectification_reopened',
      params: { description: item.description.slice(0, 80), reason: input.reason },
      link: `/p/reviews/${item.reviewId}`,
      email: 'rectification',
    });
    return updated!;
  });
}

/** The bytes of an evidence file, for its partner or staff only. Another partner's id is "not found". */
export async function readRectificationEvidence(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  evidenceId: string,
) {
  if (!isUuid(evidenceId)) throw notFound('Evidence');
  const ownPartner = evidenceReader(actor, 'read:review:any', 'read:review:own');
  const [row] = await db
    .select({ evidence: rectificationEvidence, reviewStatus: quarterlyReviews.status })
    .from(rectificationEvidence)
    .innerJoin(rectificationItems, eq(rectificationItems.id, rectificationEvidence.itemId))
    .innerJoin(quarterlyReviews, eq(quarterlyReviews.id, rectificationItems.reviewId))
    .where(
      ownPartner === undefined
        ? eq(rectificationEvidence.id, evidenceId)
        : and(eq(rectificationEvidence.id, evidenceId), eq(rectificationEvidence.partnerId, ownPartner)),
    );
  if (!row) throw notFound('Evidence');
  return evidenceDownload(storage, row.evidence);
}
