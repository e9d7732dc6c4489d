import {
  type Database,
  noticeKinds,
  partners,
  serviceCategories,
  trainingAssignmentTargets,
  trainingNotices,
  trainingPeople,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../actor.ts';
import { audit } from '../../audit.ts';
import { AppError, notFound } from '../../errors.ts';
import { assertCan } from '../../permissions.ts';
import { isUuid, parse } from '../../validation.ts';
import { type AttachmentFiles, judgeAttachments, withAttachments } from '../courses.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A notice as staff write it. The target is flat (not a discriminated union) so that the form's
 * field errors name the missing field: a partner target without a partner is `partnerId: required`.
 */
export const noticeInput = z
  .object({
    kind: z.enum(noticeKinds),
    titleZh: text(200),
    titleEn: text(200),
    bodyZh: text(100_000),
    bodyEn: text(100_000),
    target: z.enum(trainingAssignmentTargets),
    partnerId: z.string().uuid().optional(),
    serviceCategory: z.enum(serviceCategories).optional(),
    personId: z.string().uuid().optional(),
    requiresConfirmation: z.boolean().default(false),
    confirmBy: z.iso.date().optional(),
  })
  .superRefine((v, ctx) => {
    const need = { partner: 'partnerId', category: 'serviceCategory', person: 'personId' } as const;
    const field = need[v.target];
    if (!v[field])
      ctx.addIssue({ code: 'custom', path: [field], message: 'Choose who it is for.', input: '' });
    if (v.requiresConfirmation && !v.confirmBy)
      ctx.addIssue({ code: 'custom', path: ['confirmBy'], message: 'Give the confirm-by date.', input: '' });
  });

const inThePast = () =>
  new AppError('validation_failed', 'The confirm-by date cannot be in the past.', {
    details: {
      fields: [
        { path: 'confirmBy', message: 'The confirm-by date cannot be in the past.', code: 'in_the_past' },
      ],
    },
  });

/**
 * Staff publish a notice (the same permission as authoring courses). It is immutable once
 * published: a correction is a new notice and the old one is withdrawn, so what a person
 * confirmed is always what they read.
 */
export async function publishNotice(
  db: Database,
  actor: Actor,
  raw: z.input<typeof noticeInput>,
  files?: AttachmentFiles,
) {
  assertCan(actor, 'manage:training');
  const input = parse(noticeInput, raw);
  const confirmBy = input.requiresConfirmation ? input.confirmBy! : null;
  if (confirmBy && confirmBy < todayInChina()) throw inThePast();
  const judged = await judgeAttachments(files);
  return withAttachments(db, files?.storage, judged, async (tx, attachments) => {
    let partnerId: string | null = null;
    if (input.target === 'partner') {
      const [partner] = await tx
        .select({ id: partners.id })
        .from(partners)
        .where(eq(partners.id, input.partnerId!));
      if (!partner) throw notFound('Partner');
      partnerId = partner.id;
    }
    if (input.target === 'person') {
      const [person] = await tx
        .select({ partnerId: trainingPeople.partnerId })
        .from(trainingPeople)
        .where(and(eq(trainingPeople.id, input.personId!), isNull(trainingPeople.removedAt)));
      if (!person) throw notFound('Person');
      partnerId = person.partnerId;
    }
    const [row] = await tx
      .insert(trainingNotices)
      .values({
        kind: input.kind,
        titleZh: input.titleZh,
        titleEn: input.titleEn,
        bodyZh: input.bodyZh,
        bodyEn: input.bodyEn,
        attachments,
        target: input.target,
        partnerId,
        serviceCategory: input.target === 'category' ? input.serviceCategory! : null,
        personId: input.target === 'person' ? input.personId! : null,
        requiresConfirmation: input.requiresConfirmation,
        confirmBy,
        publishedBy: actor.type === 'staff' ? actor.userId : null,
      })
      .returning();
    await audit(tx, actor, {
      action: 'training.notice_published',
      entityType: 'training_notice',
      entityId: row!.id,
      partnerId: partnerId ?? undefined,
      data: {
        kind: input.kind,
        target: input.target,
        serviceCategory: row!.serviceCategory,
        personId: row!.personId,
        confirmBy,
        attachments: attachments.map((a) => ({ fileName: a.fileName, sha256: a.sha256 })),
      },
    });
    return row!;
  });
}

/**
 * Staff withdraw a notice: it leaves partners' lists, nobody can confirm it any more and it no
 * longer counts in compliance. Reads and confirmations already made stay on record.
 */
export async function withdrawNotice(db: Database, actor: Actor, noticeId: string) {
  assertCan(actor, 'manage:training');
  if (!isUuid(noticeId)) throw notFound('Notice');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(trainingNotices)
      .set({ withdrawnAt: new Date(), withdrawnBy: actor.type === 'staff' ? actor.userId : null })
      .where(and(eq(trainingNotices.id, noticeId), isNull(trainingNotices.withdrawnAt)))
      .returning();
    if (!row) {
      const [exists] = await tx
        .select({ id: trainingNotices.id })
        .from(trainingNotices)
        .where(eq(trainingNotices.id, noticeId));
      if (!exists) throw notFound('Notice');
      throw new AppError('conflict', 'This notice is already withdrawn.', {
        messageKey: 'errors.training.notice_withdrawn',
      });
    }
    await audit(tx, actor, {
      action: 'training.notice_withdrawn',
      entityType: 'training_notice',
      entityId: row.id,
      partnerId: row.partnerId ?? undefined,
    });
    return row;
  });
}
