import { createHash } from 'node:crypto';
import { type Database, managementReportFiles, managementReports } from '@outpost/db';
import { isLocale } from '@outpost/i18n';
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import type { FileStorage } from '../ports.ts';
import { isUuid } from '../validation.ts';

/** Every report, newest quarter first, with its files (never their storage keys): /s/reports. */
export async function listManagementReports(db: Database, actor: Actor) {
  assertCan(actor, 'read:reports');
  const [reports, files] = await Promise.all([
    db.select().from(managementReports).orderBy(desc(managementReports.quarter)),
    db
      .select({
        id: managementReportFiles.id,
        reportId: managementReportFiles.reportId,
        locale: managementReportFiles.locale,
        format: managementReportFiles.format,
        fileName: managementReportFiles.fileName,
        sizeBytes: managementReportFiles.sizeBytes,
        sha256: managementReportFiles.sha256,
      })
      .from(managementReportFiles),
  ]);
  return reports.map((r) => ({
    ...r,
    files: files
      .filter((f) => f.reportId === r.id)
      .sort((a, b) => a.locale.localeCompare(b.locale) || a.format.localeCompare(b.format)),
  }));
}

/**
 * One file of a report, its bytes checked against the SHA-256 recorded at generation (a file changed
 * in storage is refused, never served as the report); each download is audited, like the exports.
 */
export async function managementReportFile(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  input: { reportId: string; locale: unknown; format: unknown },
) {
  assertCan(actor, 'read:reports');
  const { reportId, locale, format } = input;
  if (!isUuid(reportId) || !isLocale(locale) || (format !== 'pdf' && format !== 'xlsx')) {
    throw notFound('Report file');
  }
  const [file] = await db
    .select()
    .from(managementReportFiles)
    .where(
      and(
        eq(managementReportFiles.reportId, reportId),
        eq(managementReportFiles.locale, locale),
        eq(managementReportFiles.format, format),
      ),
    );
  if (!file) throw notFound('Report file');
  const bytes = await storage.get(file.storageKey);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== file.sha256) {
    throw new AppError('integrity_failed', 'The stored report file does not match its recorded SHA-256.', {
      messageKey: 'reports.error.tampered',
      details: { expected: file.sha256 },
    });
  }
  await audit(db, actor, {
    action: 'report.downloaded',
    entityType: 'management_report',
    entityId: reportId,
    data: { locale, format, sha256 },
  });
  return { bytes, fileName: file.fileName, contentType: file.contentType, sha256 };
}
