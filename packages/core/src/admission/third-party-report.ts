import { assessments, type Database } from '@outpost/db';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan, can } from '../permissions.ts';
import type { FileStorage } from '../ports.ts';
import { parse } from '../validation.ts';
import { assertAssessmentEditable, loadApplication, recordEvent } from './applications.ts';
import { actorUserId } from './blacklist.ts';
import { storedFileName } from '../uploads/file-name.ts';
import { storeWithRows } from '../uploads/stored-file.ts';
import { checkUpload, DEFAULT_MAX_UPLOAD_BYTES } from './file-type.ts';
import { score100 } from '../fields.ts';

const score = score100();

export const thirdPartyReportInput = z.object({
  fileName: z.string().trim().min(1, 'Attach the report file.').max(255),
  assessor: z.string().trim().max(200).optional(),
  score: score.optional(),
});

/**
 * Attaches the third-party assessor's report (第三方评估报告) to the application's
 * assessment, with the assessor and their score when given. The report is internal:
 * only staff read it. Like the assessment, it is frozen once the committee votes,
 * and it needs the four-dimension assessment recorded first (the report belongs to it).
 * The type comes from the content; the bytes are stored content-addressed; a new
 * report replaces the previous one (the audit log keeps every version's digest).
 */
export async function attachThirdPartyReport(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  applicationId: string,
  raw: z.input<typeof thirdPartyReportInput> & { bytes: Uint8Array },
  limits: { maxBytes?: number } = {},
) {
  assertCan(actor, 'manage:application');
  const input = parse(thirdPartyReportInput, { ...raw, bytes: undefined });
  // Refuse a closed or frozen application before storing anything.
  assertAssessmentEditable(await loadApplication(db, actor, applicationId));
  const { mime, ext } = await checkUpload(raw.bytes, limits.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES);
  const fileName = storedFileName(input.fileName, ext);

  return storeWithRows(
    db,
    storage,
    { bytes: raw.bytes, contentType: mime },
    async (tx, { sha256, storageKey }) => {
      // Checked again under the lock: the application may have reached the committee meanwhile.
      const application = await loadApplication(tx, actor, applicationId, true);
      assertAssessmentEditable(application);
      const [existing] = await tx
        .select({ applicationId: assessments.applicationId })
        .from(assessments)
        .where(eq(assessments.applicationId, applicationId));
      if (!existing) {
        throw new AppError('conflict', 'Record the four-dimension assessment first.', {
          messageKey: 'errors.assessment_missing',
        });
      }
      const report = {
        thirdPartyReportFileName: fileName,
        thirdPartyReportContentType: mime,
        thirdPartyReportSizeBytes: raw.bytes.byteLength,
        thirdPartyReportSha256: sha256,
        thirdPartyReportStorageKey: storageKey,
        thirdPartyReportUploadedAt: new Date(),
        thirdPartyReportUploadedBy: actorUserId(actor),
      };
      // Assessor and score are updated only when given, so attaching a file never erases them.
      await tx
        .update(assessments)
        .set({
          ...report,
          ...(input.assessor !== undefined ? { thirdPartyAssessor: input.assessor } : {}),
          ...(input.score !== undefined ? { thirdPartyScore: input.score } : {}),
        })
        .where(eq(assessments.applicationId, applicationId));
      await recordEvent(tx, actor, applicationId, { kind: 'third_party_report_attached', internal: true });
      await audit(tx, actor, {
        action: 'application.third_party_report_attached',
        entityType: 'application',
        entityId: applicationId,
        partnerId: application.partnerId,
        data: {
          fileName,
          contentType: mime,
          sizeBytes: raw.bytes.byteLength,
          sha256,
          assessor: input.assessor ?? null,
          score: input.score ?? null,
        },
      });
      return {
        fileName,
        contentType: mime,
        sizeBytes: raw.bytes.byteLength,
        sha256,
        uploadedAt: report.thirdPartyReportUploadedAt,
      };
    },
  );
}

/**
 * The report's bytes, for staff only. A partner gets "not found" even for its own
 * application: the report is an internal document and its existence is not disclosed.
 */
export async function readThirdPartyReport(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  applicationId: string,
) {
  if (!can(actor, 'read:application:any')) throw notFound('Third-party report');
  const application = await loadApplication(db, actor, applicationId);
  const [row] = await db.select().from(assessments).where(eq(assessments.applicationId, application.id));
  if (!row?.thirdPartyReportStorageKey) throw notFound('Third-party report');
  return {
    bytes: await storage.get(row.thirdPartyReportStorageKey),
    fileName: row.thirdPartyReportFileName ?? 'report',
    contentType: row.thirdPartyReportContentType ?? 'application/octet-stream',
    sha256: row.thirdPartyReportSha256 ?? '',
  };
}
