import {
  type Database,
  partners,
  trainingCategories,
  trainingCompletions,
  trainingExternalCertificates,
  trainingPeople,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, asc, count, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify } from '../notifications.ts';
import { assertCan, can } from '../permissions.ts';
import type { FileStorage } from '../ports.ts';
import { partnerUserIds } from '../reviews/members.ts';
import { randomToken } from '../secrets.ts';
import { storedFileName } from '../uploads/file-name.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, judgeUpload } from '../uploads/judge-upload.ts';
import { storeWithRows } from '../uploads/stored-file.ts';
import { isUuid, parse } from '../validation.ts';
import { refreshPartnerTraining } from './kpi-feed.ts';

/** A certificate of training done elsewhere is a scan or a PDF; Word and Excel are refused. */
const CERTIFICATE_TYPES = new Set(['pdf', 'png', 'jpg']);

export const externalCertificateInput = z.object({
  personId: z.string().uuid(),
  title: z.string().trim().min(1).max(200),
  provider: z.string().trim().min(1).max(200),
  completedOn: z.iso.date(),
  hours: z
    .number()
    .min(0.25)
    .max(100)
    .refine((h) => Number.isInteger(h * 4), 'Give hours in steps of 0.25.'),
  category: z.enum(trainingCategories),
  fileName: z.string().trim().min(1).max(255),
});

/**
 * The roster person a partner user may upload for: a member for themselves, a partner
 * administrator for any live person of the partner. Anything else is "not found".
 */
async function uploadTarget(tx: Database, actor: Actor, personId: string) {
  if (actor.type !== 'partner') {
    throw new AppError('forbidden', 'Only a partner’s people upload external training.', {
      messageKey: 'errors.forbidden',
    });
  }
  assertCan(actor, 'take:training:own');
  const [person] = await tx
    .select()
    .from(trainingPeople)
    .where(
      and(
        eq(trainingPeople.id, personId),
        eq(trainingPeople.partnerId, actor.partnerId),
        isNull(trainingPeople.removedAt),
      ),
    );
  if (!person) throw notFound('Person');
  if (person.userId !== actor.userId && !can(actor, 'manage:training-roster:own')) throw notFound('Person');
  return person;
}

/** A partner person uploads the certificate of training done elsewhere; staff review it. */
export async function uploadExternalCertificate(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  raw: z.input<typeof externalCertificateInput> & { bytes: Uint8Array },
  limits: { maxBytes?: number } = {},
) {
  const input = parse(externalCertificateInput, raw);
  if (input.completedOn > todayInChina()) {
    throw new AppError('validation_failed', 'The training date is in the future.', {
      messageKey: 'errors.training.external_future',
      details: { fields: [{ path: 'completedOn', message: 'The training date is in the future.' }] },
    });
  }
  // Refuse a foreign person before storing anything.
  await uploadTarget(db, actor, input.personId);
  const { mime, ext } = await judgeUpload(raw.bytes, limits.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES);
  if (!CERTIFICATE_TYPES.has(ext)) {
    throw new AppError('unsupported_media_type', 'Upload the certificate as a PDF, PNG or JPEG file.', {
      messageKey: 'errors.training.external_file_type',
      details: { fields: [{ path: 'file', message: 'Only PDF, PNG or JPEG.' }] },
    });
  }
  const fileName = storedFileName(input.fileName, ext);
  return storeWithRows(db, storage, { bytes: raw.bytes, contentType: mime }, async (tx, stored) => {
    const person = await uploadTarget(tx, actor, input.personId);
    const [row] = await tx
      .insert(trainingExternalCertificates)
      .values({
        partnerId: person.partnerId,
        personId: person.id,
        title: input.title,
        provider: input.provider,
        completedOn: input.completedOn,
        minutes: Math.round(input.hours * 60),
        category: input.category,
        fileName,
        contentType: mime,
        sizeBytes: raw.bytes.byteLength,
        sha256: stored.sha256,
        storageKey: stored.storageKey,
        uploadedBy: actor.type === 'partner' ? actor.userId : null,
      })
      .returning();
    await audit(tx, actor, {
      action: 'training.external_uploaded',
      entityType: 'training_external_certificate',
      entityId: row!.id,
      partnerId: person.partnerId,
      data: {
        personId: person.id,
        title: input.title,
        minutes: row!.minutes,
        category: input.category,
        sha256: stored.sha256,
      },
    });
    await notify(tx, {
      staffRoles: ['admin', 'risk_officer'],
      template: 'notify.training_external_submitted',
      params: { name: person.name, title: input.title },
      link: '/s/training/external',
    });
    const { storageKey: _key, ...certificate } = row!;
    return certificate;
  });
}

const publicColumns = {
  id: trainingExternalCertificates.id,
  partnerId: trainingExternalCertificates.partnerId,
  personId: trainingExternalCertificates.personId,
  personName: trainingPeople.name,
  title: trainingExternalCertificates.title,
  provider: trainingExternalCertificates.provider,
  completedOn: trainingExternalCertificates.completedOn,
  minutes: trainingExternalCertificates.minutes,
  category: trainingExternalCertificates.category,
  fileName: trainingExternalCertificates.fileName,
  status: trainingExternalCertificates.status,
  rejectReason: trainingExternalCertificates.rejectReason,
  createdAt: trainingExternalCertificates.createdAt,
  decidedAt: trainingExternalCertificates.decidedAt,
};

/** The partner's own external certificates (a member sees only their own), newest first. */
export async function myExternalCertificates(db: Database, actor: Actor) {
  assertCan(actor, 'take:training:own');
  if (actor.type !== 'partner') return [];
  const admin = can(actor, 'manage:training-roster:own');
  return db
    .select(publicColumns)
    .from(trainingExternalCertificates)
    .innerJoin(trainingPeople, eq(trainingPeople.id, trainingExternalCertificates.personId))
    .where(
      and(
        eq(trainingExternalCertificates.partnerId, actor.partnerId),
        admin ? undefined : eq(trainingPeople.userId, actor.userId),
      ),
    )
    .orderBy(desc(trainingExternalCertificates.createdAt), asc(trainingExternalCertificates.id));
}

/** The staff queue: certificates by status (default: waiting), oldest first, with the partner. */
export async function externalCertificateQueue(
  db: Database,
  actor: Actor,
  options: { status?: 'submitted' | 'accepted' | 'rejected'; page?: number; pageSize?: number } = {},
) {
  assertCan(actor, 'manage:training');
  const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 200);
  const page = Math.max(options.page ?? 1, 1);
  const where = eq(trainingExternalCertificates.status, options.status ?? 'submitted');
  const [rows, [total]] = await Promise.all([
    db
      .select({ ...publicColumns, partnerName: partners.legalName })
      .from(trainingExternalCertificates)
      .innerJoin(trainingPeople, eq(trainingPeople.id, trainingExternalCertificates.personId))
      .innerJoin(partners, eq(partners.id, trainingExternalCertificates.partnerId))
      .where(where)
      .orderBy(asc(trainingExternalCertificates.createdAt), asc(trainingExternalCertificates.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(trainingExternalCertificates).where(where),
  ]);
  return { certificates: rows, total: total?.n ?? 0, page, pageSize };
}

export const decideExternalInput = z.discriminatedUnion('decision', [
  z.object({ certificateId: z.string(), decision: z.literal('accept') }),
  z.object({
    certificateId: z.string(),
    decision: z.literal('reject'),
    reason: z.string().trim().min(5, 'Tell the partner why, in at least 5 characters.').max(2000),
  }),
]);

const certificateCode = () =>
  randomToken(8)
    .toUpperCase()
    .slice(0, 12)
    .replace(/(.{4})(?=.)/g, '$1-');

/**
 * Staff accept or reject a waiting certificate. Accepting puts its hours on record (one
 * completion, source `external`) on the training date; the partner is notified either way.
 */
export async function decideExternalCertificate(
  db: Database,
  actor: Actor,
  raw: z.input<typeof decideExternalInput>,
) {
  assertCan(actor, 'manage:training');
  const input = parse(decideExternalInput, raw);
  if (!isUuid(input.certificateId)) throw notFound('Certificate');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(trainingExternalCertificates)
      .where(eq(trainingExternalCertificates.id, input.certificateId))
      .for('update');
    if (!row) throw notFound('Certificate');
    if (row.status !== 'submitted') {
      throw new AppError('conflict', 'This certificate was already decided.', {
        messageKey: 'errors.training.external_decided',
      });
    }
    let completionId: string | null = null;
    if (input.decision === 'accept') {
      const [completion] = await tx
        .insert(trainingCompletions)
        .values({
          personId: row.personId,
          partnerId: row.partnerId,
          source: 'external',
          category: row.category,
          minutes: row.minutes,
          completedOn: row.completedOn,
          certificateCode: certificateCode(),
        })
        .returning({ id: trainingCompletions.id });
      completionId = completion!.id;
    }
    const [updated] = await tx
      .update(trainingExternalCertificates)
      .set({
        status: input.decision === 'accept' ? 'accepted' : 'rejected',
        rejectReason: input.decision === 'reject' ? input.reason : null,
        completionId,
        decidedBy: actor.type === 'staff' ? actor.userId : null,
        decidedAt: new Date(),
      })
      .where(eq(trainingExternalCertificates.id, row.id))
      .returning();
    await audit(tx, actor, {
      action: input.decision === 'accept' ? 'training.external_accepted' : 'training.external_rejected',
      entityType: 'training_external_certificate',
      entityId: row.id,
      partnerId: row.partnerId,
      data: {
        personId: row.personId,
        minutes: row.minutes,
        category: row.category,
        ...(input.decision === 'reject' ? { reason: input.reason } : { completionId }),
      },
    });
    if (completionId) await refreshPartnerTraining(tx, row.partnerId);
    await notify(tx, {
      userIds: await partnerUserIds(tx, row.partnerId),
      template:
        input.decision === 'accept'
          ? 'notify.training_external_accepted'
          : 'notify.training_external_rejected',
      params: { title: row.title, reason: input.decision === 'reject' ? input.reason : '' },
      link: '/p/training',
    });
    const { storageKey: _key, ...certificate } = updated!;
    return certificate;
  });
}

/** The certificate file: for staff, or the partner it belongs to (a member: their own). */
export async function readExternalCertificate(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  certificateId: string,
) {
  if (!isUuid(certificateId)) throw notFound('Certificate');
  const [row] = await db
    .select({ certificate: trainingExternalCertificates, userId: trainingPeople.userId })
    .from(trainingExternalCertificates)
    .innerJoin(trainingPeople, eq(trainingPeople.id, trainingExternalCertificates.personId))
    .where(eq(trainingExternalCertificates.id, certificateId));
  if (!row) throw notFound('Certificate');
  if (!can(actor, 'manage:training')) {
    assertCan(actor, 'take:training:own');
    if (actor.type !== 'partner' || row.certificate.partnerId !== actor.partnerId)
      throw notFound('Certificate');
    if (row.userId !== actor.userId && !can(actor, 'manage:training-roster:own'))
      throw notFound('Certificate');
  }
  return {
    bytes: await storage.get(row.certificate.storageKey),
    fileName: row.certificate.fileName,
    contentType: row.certificate.contentType,
  };
}

/** The roster people the actor may upload a certificate for: themselves, or (administrator) everyone. */
export async function externalUploadChoices(db: Database, actor: Actor) {
  assertCan(actor, 'take:training:own');
  if (actor.type !== 'partner') return [];
  const admin = can(actor, 'manage:training-roster:own');
  return db
    .select({ id: trainingPeople.id, name: trainingPeople.name, userId: trainingPeople.userId })
    .from(trainingPeople)
    .where(
      and(
        eq(trainingPeople.partnerId, actor.partnerId),
        isNull(trainingPeople.removedAt),
        admin ? undefined : eq(trainingPeople.userId, actor.userId),
      ),
    )
    .orderBy(asc(trainingPeople.name), asc(trainingPeople.id))
    .limit(1000);
}
