import {
  allowedFileTypes,
  type FileStorage,
  getPartner,
  listDocuments,
  missingDocuments,
  requirementsFor,
  uploadDocument,
} from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatDateTime, type Locale, translate } from '@outpost/i18n';
import { formText } from '../app-error.server';
import type { FormErrors } from '../form-errors';
import { formatBytes, formatDay } from '@outpost/i18n';
import { daysUntil } from './dates';
import { domainErrorToForm } from './form-errors.server';
import type { PartnerActor } from './partner-viewer.server';

/** Documents expiring within this many days are flagged (the reminder job starts at 30 too). */
export const EXPIRING_SOON_DAYS = 30;

export type DocumentState = 'missing' | 'submitted' | 'accepted' | 'rejected' | 'expired';

type Requirement = Awaited<ReturnType<typeof requirementsFor>>[number];
type PartnerDocument = Awaited<ReturnType<typeof listDocuments>>[number];

const nameIn = (locale: Locale, r: Pick<Requirement, 'nameZh' | 'nameEn'>) =>
  locale === 'zh-CN' ? r.nameZh : r.nameEn;
const descriptionIn = (locale: Locale, r: Pick<Requirement, 'descriptionZh' | 'descriptionEn'>) =>
  (locale === 'zh-CN' ? r.descriptionZh : r.descriptionEn) ?? null;

function expiringSoon(doc: PartnerDocument | undefined): boolean {
  if (!doc?.expiryDate || doc.status === 'expired' || doc.status === 'rejected') return false;
  return daysUntil(doc.expiryDate) <= EXPIRING_SOON_DAYS;
}

/**
 * The documents page: every requirement that applies to the organisation's service
 * categories, each with its document (if any) and version history, plus documents
 * for requirements that no longer apply (they stay visible and downloadable).
 */
export async function loadDocumentsPage(db: Database, actor: PartnerActor, locale: Locale, maxBytes: number) {
  const partner = await getPartner(db, actor, actor.partnerId);
  const [requirements, documents] = await Promise.all([
    requirementsFor(db, partner.serviceCategories),
    listDocuments(db, actor, actor.partnerId),
  ]);
  const byRequirement = new Map(documents.map((d) => [d.requirementId, d]));
  const listed = new Set(requirements.map((r) => r.id));
  const rows = [
    ...requirements.map((r) => ({ requirement: r, document: byRequirement.get(r.id), applies: true })),
    ...documents
      .filter((d) => !listed.has(d.requirementId))
      .map((d) => ({ requirement: d.requirement, document: d, applies: false })),
  ];
  const items = rows.map(({ requirement: r, document: d, applies }) => ({
    requirementId: r.id,
    name: nameIn(locale, r),
    description: descriptionIn(locale, r),
    mandatory: r.mandatory,
    expires: r.expires,
    validityMonths: r.validityMonths,
    // Uploading only makes sense against a requirement that is still in the catalogue.
    canUpload: applies && r.active,
    state: (d?.status ?? 'missing') as DocumentState,
    expiringSoon: expiringSoon(d),
    document: d
      ? {
          id: d.id,
          currentVersion: d.currentVersion,
          issueDate: formatDay(locale, d.issueDate),
          expiryDate: formatDay(locale, d.expiryDate),
          rejectionReason: d.status === 'rejected' ? d.rejectionReason : null,
          versions: d.versions.map((v) => ({
            version: v.version,
            fileName: v.fileName,
            size: formatBytes(locale, v.sizeBytes),
            uploadedAt: v.uploadedAt.toISOString(),
            uploaded: formatDateTime(locale, v.uploadedAt),
            href: `/api/v1/documents/${d.id}/file?version=${v.version}`,
          })),
        }
      : null,
  }));
  return {
    items,
    counts: await documentCounts(db, actor, partner.serviceCategories, documents),
    maxBytes,
    maxSize: formatBytes(locale, maxBytes),
    accept: Object.values(allowedFileTypes).join(','),
  };
}

/** The numbers on the documents page and the home card. */
export async function documentCounts(
  db: Database,
  actor: PartnerActor,
  categories: Parameters<typeof missingDocuments>[2],
  documents?: PartnerDocument[],
) {
  const docs = documents ?? (await listDocuments(db, actor, actor.partnerId));
  return {
    missing: (await missingDocuments(db, actor.partnerId, categories)).length,
    rejected: docs.filter((d) => d.status === 'rejected').length,
    expiring: docs.filter((d) => expiringSoon(d)).length,
  };
}

export type UploadResult =
  | { ok: true; requirementId: string; notice: string }
  | { ok: false; requirementId: string; status: number; errors: FormErrors };

/**
 * The upload without JavaScript: the plain form posts here and the route calls core
 * exactly as the API does. (With JavaScript the browser posts to the API directly,
 * so it can show a progress bar.)
 */
export async function uploadDocumentAction(
  db: Database,
  actor: PartnerActor,
  storage: FileStorage,
  form: FormData,
  locale: Locale,
  maxBytes: number,
): Promise<UploadResult> {
  const requirementId = formText(form, 'requirementId');
  const file = form.get('file');
  if (!(file instanceof File) || (file.size === 0 && !file.name)) {
    return {
      ok: false,
      requirementId,
      status: 400,
      errors: { fields: { file: translate(locale, 'partner-portal.documents.error.fileRequired') } },
    };
  }
  try {
    const { version } = await uploadDocument(
      db,
      actor,
      storage,
      {
        requirementId,
        fileName: file.name || 'document',
        bytes: new Uint8Array(await file.arrayBuffer()),
        issueDate: formText(form, 'issueDate') || undefined,
        expiryDate: formText(form, 'expiryDate') || undefined,
      },
      { maxBytes },
    );
    return {
      ok: true,
      requirementId,
      notice: translate(locale, 'partner-portal.documents.uploaded', { version: version.version }),
    };
  } catch (error) {
    const mapped = domainErrorToForm(error, locale, {
      issueDate: translate(locale, 'partner-portal.documents.error.date'),
      expiryDate: translate(locale, 'partner-portal.documents.error.expiryAfterIssue'),
      file: translate(locale, 'errors.file_empty'),
    });
    if (!mapped) throw error;
    return {
      ok: false,
      requirementId,
      status: mapped.status,
      errors: uploadErrors(mapped, locale, maxBytes),
    };
  }
}

/** Size and type refusals say what is allowed, in the reader's language. */
function uploadErrors(
  mapped: { status: number; errors: FormErrors },
  locale: Locale,
  maxBytes: number,
): FormErrors {
  if (mapped.status === 413) {
    const size = formatBytes(locale, maxBytes);
    return { fields: { file: translate(locale, 'partner-portal.documents.error.tooLarge', { size }) } };
  }
  if (mapped.status === 415) {
    return { fields: { file: translate(locale, 'partner-portal.documents.error.type') } };
  }
  return mapped.errors;
}
