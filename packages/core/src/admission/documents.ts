import {
  applications,
  type Database,
  documentRequirements,
  documents,
  documentVersions,
  partnerMemberships,
} from '@outpost/db';
import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify, REVIEWERS_CHANNEL } from '../notifications.ts';
import { assertCan, partnerScope } from '../permissions.ts';
import { assertPartnerActive } from '../partner-status.ts';
import type { FileStorage } from '../ports.ts';
import { isUuid, parse } from '../validation.ts';
import { storedFileName } from '../uploads/file-name.ts';
import { storeWithRows } from '../uploads/stored-file.ts';
import { checkUpload, DEFAULT_MAX_UPLOAD_BYTES } from './file-type.ts';
import { calendarDate } from '../fields.ts';
import { checkDocumentDates } from './document-dates.ts';

const isoDate = calendarDate();

/** The dates are then checked against the document's type (checkDocumentDates). */
export const uploadInput = z.object({
  requirementId: z.uuid('Choose which requirement this document answers.'),
  fileName: z.string().trim().min(1).max(255),
  issueDate: isoDate.optional(),
  expiryDate: isoDate.optional(),
});

/** The partner an actor uploads for: its own; staff cannot upload on a partner's behalf. */
function uploaderPartner(actor: Actor): string {
  assertCan(actor, 'upload:document:own');
  if (actor.type === 'partner' || actor.type === 'api_key') return actor.partnerId;
  throw new AppError('forbidden', 'Only the partner uploads its own documents.', {
    messageKey: 'errors.forbidden',
  });
}

/**
 * Uploads a new version of the partner's document for a requirement. The type comes
 * from the file's content; the bytes are stored content-addressed (sha256), so a
 * retried upload stores nothing twice. A re-upload during review notifies reviewers.
 */
export async function uploadDocument(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  raw: z.input<typeof uploadInput> & { bytes: Uint8Array },
  limits: { maxBytes?: number } = {},
) {
  const partnerId = uploaderPartner(actor);
  await assertPartnerActive(db, actor);
  const input = parse(uploadInput, { ...raw, bytes: undefined });
  const { mime, ext } = await checkUpload(raw.bytes, limits.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES);
  const fileName = storedFileName(input.fileName, ext);
  const [requirement] = await db
    .select()
    .from(documentRequirements)
    .where(eq(documentRequirements.id, input.requirementId));
  if (!requirement?.active) throw notFound('Requirement');
  const { issueDate, expiryDate } = checkDocumentDates(requirement, input);

  return storeWithRows(
    db,
    storage,
    { bytes: raw.bytes, contentType: mime },
    async (tx, { sha256, storageKey }) => {
      const [existing] = await tx
        .select()
        .from(documents)
        .where(and(eq(documents.partnerId, partnerId), eq(documents.requirementId, requirement.id)))
        .for('update');
      const wasRejected = existing?.status === 'rejected';
      const version = (existing?.currentVersion ?? 0) + 1;
      const dates = { issueDate: issueDate ?? null, expiryDate: expiryDate ?? null };
      const [document] = existing
        ? await tx
            .update(documents)
            .set({
              ...dates,
              status: 'submitted',
              currentVersion: version,
              reviewedBy: null,
              reviewedAt: null,
              rejectionReason: null,
              updatedAt: new Date(),
            })
            .where(eq(documents.id, existing.id))
            .returning()
        : await tx
            .insert(documents)
            .values({ partnerId, requirementId: requirement.id, ...dates })
            .returning();
      const [saved] = await tx
        .insert(documentVersions)
        .values({
          documentId: document!.id,
          version,
          fileName,
          contentType: mime,
          sizeBytes: raw.bytes.byteLength,
          sha256,
          storageKey,
          ...dates,
          uploadedBy:
            actor.type === 'api_key' ? `api_key:${actor.keyId}` : (actor as { userId: string }).userId,
        })
        .returning();
      await audit(tx, actor, {
        action: 'document.uploaded',
        entityType: 'document',
        entityId: document!.id,
        partnerId,
        data: {
          requirement: requirement.key,
          version,
          sha256,
          sizeBytes: raw.bytes.byteLength,
          contentType: mime,
        },
      });
      const [openApplication] = await tx
        .select({ id: applications.id, stage: applications.stage })
        .from(applications)
        .where(and(eq(applications.partnerId, partnerId), eq(applications.status, 'in_progress')));
      if (openApplication && (wasRejected || existing)) {
        await notify(tx, {
          staffRoles: ['reviewer'],
          template: 'notify.document_reuploaded',
          params: { requirement: requirement.nameZh, requirementEn: requirement.nameEn, version },
          link: `/s/applications/${openApplication.id}`,
          slackChannel: REVIEWERS_CHANNEL,
        });
      }
      return { document: document!, version: saved! };
    },
  );
}

export const reviewInput = z
  .object({
    documentId: z.uuid(),
    decision: z.enum(['accept', 'reject']),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((r) => r.decision === 'accept' || (r.reason && r.reason.length >= 3), {
    message: 'Give the partner a reason for the rejection.',
    path: ['reason'],
  });

/** A reviewer accepts or rejects the current version; the partner sees a rejection's reason. */
export async function reviewDocument(db: Database, actor: Actor, raw: z.input<typeof reviewInput>) {
  assertCan(actor, 'review:document');
  const input = parse(reviewInput, raw);
  return db.transaction(async (tx) => {
    const [document] = await tx
      .select()
      .from(documents)
      .where(eq(documents.id, input.documentId))
      .for('update');
    if (!document) throw notFound('Document');
    if (document.status === 'expired') {
      throw new AppError('conflict', 'This document has expired; the partner must upload a current one.', {
        messageKey: 'errors.document_expired',
      });
    }
    const status = input.decision === 'accept' ? 'accepted' : 'rejected';
    const [updated] = await tx
      .update(documents)
      .set({
        status,
        reviewedBy: (actor as { userId: string }).userId,
        reviewedAt: new Date(),
        rejectionReason: status === 'rejected' ? input.reason! : null,
        updatedAt: new Date(),
      })
      .where(eq(documents.id, document.id))
      .returning();
    const [requirement] = await tx
      .select()
      .from(documentRequirements)
      .where(eq(documentRequirements.id, document.requirementId));
    await audit(tx, actor, {
      action: `document.${status}`,
      entityType: 'document',
      entityId: document.id,
      partnerId: document.partnerId,
      data: { version: document.currentVersion, reason: input.reason ?? null },
    });
    if (status === 'rejected') {
      const members = await tx
        .select({ userId: partnerMemberships.userId })
        .from(partnerMemberships)
        .where(eq(partnerMemberships.partnerId, document.partnerId));
      await notify(tx, {
        userIds: members.map((m) => m.userId),
        template: 'notify.document_rejected',
        params: {
          requirement: requirement!.nameZh,
          requirementEn: requirement!.nameEn,
          reason: input.reason!,
        },
        link: '/p/documents',
        email: 'documents',
      });
    }
    return updated!;
  });
}

/** A partner's documents with their requirement and version history (staff: any partner; partners: their own). */
export async function listDocuments(db: Database, actor: Actor, partnerId: string) {
  const scope = partnerScope(actor);
  if (!isUuid(partnerId) || (scope !== undefined && scope !== partnerId)) throw notFound('Partner');
  assertCan(actor, scope === undefined ? 'read:document:any' : 'read:document:own');
  const rows = await db
    .select({ document: documents, requirement: documentRequirements })
    .from(documents)
    .innerJoin(documentRequirements, eq(documentRequirements.id, documents.requirementId))
    .where(eq(documents.partnerId, partnerId))
    .orderBy(asc(documentRequirements.sortOrder));
  const versions = rows.length
    ? await db
        .select()
        .from(documentVersions)
        .innerJoin(documents, eq(documents.id, documentVersions.documentId))
        .where(eq(documents.partnerId, partnerId))
        .orderBy(desc(documentVersions.version))
    : [];
  return rows.map(({ document, requirement }) => ({
    ...document,
    requirement,
    versions: versions
      .filter((v) => v.document_versions.documentId === document.id)
      .map((v) => v.document_versions),
  }));
}

/** The bytes of one version, for its partner or authorised staff only. Another partner's id is "not found". */
export async function readDocumentFile(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  documentId: string,
  version?: number,
) {
  if (!isUuid(documentId)) throw notFound('Document');
  // Versions are an integer column: a number beyond it names no version.
  if (version !== undefined && !(Number.isInteger(version) && version >= 1 && version <= 2 ** 31 - 1)) {
    throw notFound('Document version');
  }
  const scope = partnerScope(actor);
  const [document] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!document || (scope !== undefined && scope !== document.partnerId)) throw notFound('Document');
  assertCan(actor, scope === undefined ? 'read:document:any' : 'read:document:own');
  const [row] = await db
    .select()
    .from(documentVersions)
    .where(
      and(
        eq(documentVersions.documentId, documentId),
        eq(documentVersions.version, version ?? document.currentVersion),
      ),
    );
  if (!row) throw notFound('Document version');
  return {
    bytes: await storage.get(row.storageKey),
    fileName: row.fileName,
    contentType: row.contentType,
    sha256: row.sha256,
  };
}
