import {
  allowedFileTypes,
  type DocumentState,
  documentChecklist,
  type FileStorage,
  getPartner,
  isExpiringSoon,
  listDocuments,
  requirementsFor,
  uploadDocument,
} from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatDateTime, type Locale, translate } from '@outpost/i18n';
import { formText } from '../app-error.server';
import type { FormErrors } from '../form-errors';
import { formatBytes, formatDay, todayInChina } from '@outpost/i18n';
import { domainErrorToForm } from './form-errors.server';
import type { PartnerActor } from './partner-viewer.server';

export type { DocumentState };

type Requirement = Awaited<ReturnType<typeof requirementsFor>>[number];

const nameIn = (locale: Locale, r: Pick<Requirement, 'nameZh' | 'nameEn'>) =>
  locale === 'zh-CN' ? r.nameZh : r.nameEn;
const descriptionIn = (locale: Locale, r: Pick<Requirement, 'descriptionZh' | 'descriptionEn'>) =>
  (locale === 'zh-CN' ? r.descriptionZh : r.descriptionEn) ?? null;

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
  const today = todayInChina();
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
    expiringSoon: isExpiringSoon(d, today),
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
    // Each document counted once (a returned one is "returned", not also "missing").
    counts: documentChecklist(requirements, documents, today).counts,
    maxBytes,
    maxSize: formatBytes(locale, maxBytes),
    accept: Object.values(allowedFileTypes).join(','),
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
