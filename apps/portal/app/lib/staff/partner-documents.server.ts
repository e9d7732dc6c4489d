import { listDocuments } from '@outpost/core';
import { formatDateTime, type Locale } from '@outpost/i18n';
import type { Database } from '@outpost/db';
import type { ReviewedDocument } from '../../components/staff/document-review';
import type { Viewer } from '../viewer.server';
import { formatBytes, formatDay } from '@outpost/i18n';
import { requirementName } from './format';

/** A partner's documents, shaped for the page: names in the reader's language, dates formatted, download links. */
export async function partnerDocuments(
  db: Database,
  viewer: Viewer,
  locale: Locale,
  partnerId: string,
): Promise<(ReviewedDocument & { requirementKey: string })[]> {
  const documents = await listDocuments(db, viewer.person.actor, partnerId);
  return documents.map((d) => ({
    id: d.id,
    requirementKey: d.requirement.key,
    requirement: requirementName(locale, d.requirement),
    mandatory: d.requirement.mandatory,
    status: d.status,
    currentVersion: d.currentVersion,
    issueDate: formatDay(locale, d.issueDate),
    expiryDate: formatDay(locale, d.expiryDate),
    reviewedAt: d.reviewedAt ? formatDateTime(locale, d.reviewedAt) : null,
    rejectionReason: d.rejectionReason,
    versions: d.versions.map((v) => ({
      version: v.version,
      fileName: v.fileName,
      size: formatBytes(locale, v.sizeBytes),
      uploadedAt: formatDateTime(locale, v.uploadedAt),
      href: `/api/v1/documents/${d.id}/file?version=${v.version}`,
    })),
  }));
}
