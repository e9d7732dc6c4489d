import { type Actor, requirementsFor, reviewDocument, uploadDocument } from '@outpost/core';
import { addDays, addMonths } from '@outpost/i18n';
import type { SeedContext } from './context.ts';
import { certificatePdf, scanPng } from './files.ts';
import type { DemoPartner } from './partners.ts';

/** Issue dates: long-term documents were issued years ago, the others recently (all valid today). */
export interface UploadOptions {
  /** Days before today a document was issued, by requirement key (default: two months, five years if long-term). */
  issuedDaysAgo?: Record<string, number> | undefined;
}

/** Types uploaded as a scanned image rather than a PDF, so the preview shows both kinds. */
const scannedAsImage = new Set(['key_staff_certificates']);

/**
 * The partner uploads one document for every requirement of its categories, through the
 * same service as the portal's upload form: the type is sniffed from real bytes (a PDF made
 * by @outpost/pdf, or a PNG), the expiry date derived from the type's validity period.
 * Returns the document ids by requirement key.
 */
export async function uploadAllDocuments(
  context: SeedContext,
  actor: Actor,
  partner: DemoPartner,
  options: UploadOptions = {},
): Promise<Map<string, string>> {
  const requirements = await requirementsFor(context.db, partner.serviceCategories);
  const ids = new Map<string, string>();
  let variant = 0;
  for (const r of requirements) {
    const days = options.issuedDaysAgo?.[r.key];
    const issueDate =
      days !== undefined ? addDays(context.today, -days) : addMonths(context.today, r.expires ? -2 : -60);
    const expiryDate =
      r.expires && r.validityMonths !== null ? addMonths(issueDate, r.validityMonths) : undefined;
    const image = scannedAsImage.has(r.key);
    const bytes = image
      ? scanPng(variant++)
      : await documentPdf(r.key, r.nameZh, partner, issueDate, expiryDate);
    const { document } = await uploadDocument(context.db, actor, context.storage, {
      requirementId: r.id,
      fileName: `${r.nameZh}.${image ? 'png' : 'pdf'}`,
      bytes,
      issueDate,
    });
    ids.set(r.key, document.id);
  }
  return ids;
}

/** Rendered PDFs of the generic document types, by type and dates (a render takes ~0.1 s). */
const rendered = new Map<string, Promise<Uint8Array>>();

/**
 * The business licence names its holder (what a reviewer checks first), so it is rendered per
 * partner; other types are rendered once per type and dates and shared, which keeps the seed fast.
 */
function documentPdf(
  key: string,
  title: string,
  partner: DemoPartner,
  issueDate: string,
  expiryDate: string | undefined,
): Promise<Uint8Array> {
  const own = key === 'business_licence';
  const cacheKey = [key, issueDate, expiryDate, own ? partner.key : ''].join('|');
  let pdf = rendered.get(cacheKey);
  if (!pdf) {
    pdf = certificatePdf({
      title,
      holder: own ? partner.legalName : '演示合作机构',
      creditCode: own ? partner.creditCode : '—',
      issueDate,
      expiryDate,
    });
    rendered.set(cacheKey, pdf);
  }
  return pdf;
}

/** A reviewer decides each uploaded document: accepted, unless a reason to return it is given. */
export async function reviewDocuments(
  context: SeedContext,
  reviewer: Actor,
  documents: Map<string, string>,
  returned: Record<string, string> = {},
): Promise<void> {
  for (const [key, documentId] of documents) {
    const reason = returned[key];
    await reviewDocument(
      context.db,
      reviewer,
      reason ? { documentId, decision: 'reject', reason } : { documentId, decision: 'accept' },
    );
  }
}
