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
  return shapeDocuments(await listDocuments(db, viewer.person.actor, partnerId), locale);
}

/** Documents as core lists them, shaped for the review component. */
export function shapeDocuments(
  documents: Awaited<ReturnType<typeof listDocuments>>,
  locale: Locale,
): (ReviewedDocument & { requirementKey: string })[] {
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
    current: currentVersion(d, locale),
    versions: d.versions.map((v) => ({
      version: v.version,
      fileName: v.fileName,
      size: formatBytes(locale, v.sizeBytes),
      uploadedAt: formatDateTime(locale, v.uploadedAt),
      href: `/api/v1/documents/${d.id}/file?version=${v.version}`,
    })),
  }));
}

const fileKinds: Record<string, { label: string; preview: 'pdf' | 'image' | null }> = {
  'application/pdf': { label: 'PDF', preview: 'pdf' },
  'image/png': { label: 'PNG', preview: 'image' },
  'image/jpeg': { label: 'JPEG', preview: 'image' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word', preview: null },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel', preview: null },
};

/** The version a reviewer decides on: its file, and how the browser can show it beside the decision. */
function currentVersion(
  d: Awaited<ReturnType<typeof listDocuments>>[number],
  locale: Locale,
): ReviewedDocument['current'] {
  const v = d.versions.find((x) => x.version === d.currentVersion);
  if (!v) return null;
  const href = `/api/v1/documents/${d.id}/file?version=${v.version}`;
  const kind = fileKinds[v.contentType] ?? { label: v.contentType, preview: null };
  return {
    version: v.version,
    fileName: v.fileName,
    size: formatBytes(locale, v.sizeBytes),
    uploadedAt: formatDateTime(locale, v.uploadedAt),
    typeLabel: kind.label,
    href,
    preview: kind.preview ? { kind: kind.preview, href: `${href}&disposition=inline` } : null,
  };
}
