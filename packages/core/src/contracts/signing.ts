import { createHash } from 'node:crypto';
import {
  contractSignedFiles,
  contracts,
  contractVersions,
  type Database,
  kpiDefinitions,
  partners,
} from '@outpost/db';
import type { Locale } from '@outpost/i18n';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify } from '../notifications.ts';
import { assertCan, can } from '../permissions.ts';
import type { FileStorage } from '../ports.ts';
import { storedFileName } from '../uploads/file-name.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, judgeUpload } from '../uploads/judge-upload.ts';
import { storeWithRows } from '../uploads/stored-file.ts';
import { isUuid } from '../validation.ts';
import { putAmendmentInForce } from './amendments.ts';
import { contractPdf } from './contract-pdf.ts';
import { lockedWork, moveVersion } from './working-version.ts';

/** Statuses in which the approved text exists (and may be downloaded as a PDF). */
const approvedStatuses = new Set(['signing', 'active', 'expiring', 'renewed', 'expired', 'terminated']);

/**
 * The contract for this actor, or "not found": staff see any; a partner's people their own partner's
 * contracts once approved. `sign` also needs the partner administrator (or staff who manage contracts).
 */
async function visibleContract(db: Database, actor: Actor, contractId: string, purpose: 'read' | 'sign') {
  if (!isUuid(contractId)) throw notFound('Contract');
  const [row] = await db
    .select({ contract: contracts, partner: partners })
    .from(contracts)
    .innerJoin(partners, eq(partners.id, contracts.partnerId))
    .where(eq(contracts.id, contractId));
  if (!row) throw notFound('Contract');
  if (!can(actor, 'read:contract:any')) {
    assertCan(actor, 'read:contract:own');
    if (actor.type !== 'partner' || row.contract.partnerId !== actor.partnerId) throw notFound('Contract');
    if (!approvedStatuses.has(row.contract.status)) throw notFound('Contract');
    if (purpose === 'sign' && actor.role !== 'partner_admin') {
      throw new AppError('forbidden', 'Only the partner’s administrator uploads the signed contract.', {
        messageKey: 'errors.forbidden',
      });
    }
  } else if (purpose === 'sign') {
    assertCan(actor, 'manage:contract');
  }
  return row;
}

/** The approved version's PDF in the chosen language (the contract's own language by default). */
export async function contractPdfFile(
  db: Database,
  actor: Actor,
  contractId: string,
  locale?: Locale,
  versionNumber?: number,
) {
  const { contract, partner } = await visibleContract(db, actor, contractId, 'read');
  if (versionNumber !== undefined && versionNumber !== contract.currentVersion) {
    // Another version (an amendment to sign, or one superseded): only once it was approved.
    return approvedVersionPdf(db, { contract, partner }, versionNumber, locale);
  }
  if (!approvedStatuses.has(contract.status)) {
    throw new AppError(
      'conflict',
      'The PDF is made from the approved version; this contract is not approved yet.',
      {
        messageKey: 'errors.contracts.not_approved',
      },
    );
  }
  const [version] = await db
    .select()
    .from(contractVersions)
    .where(
      and(
        eq(contractVersions.contractId, contract.id),
        eq(contractVersions.version, contract.currentVersion),
      ),
    );
  return renderVersionPdf(db, { contract, partner }, version!, locale);
}

async function approvedVersionPdf(
  db: Database,
  row: { contract: typeof contracts.$inferSelect; partner: typeof partners.$inferSelect },
  versionNumber: number,
  locale?: Locale,
) {
  const [version] = await db
    .select()
    .from(contractVersions)
    .where(
      and(eq(contractVersions.contractId, row.contract.id), eq(contractVersions.version, versionNumber)),
    );
  if (!version || !['signing', 'signed', 'superseded'].includes(version.status)) {
    throw notFound('Contract version');
  }
  return renderVersionPdf(db, row, version, locale);
}

async function renderVersionPdf(
  db: Database,
  { contract, partner }: { contract: typeof contracts.$inferSelect; partner: typeof partners.$inferSelect },
  version: typeof contractVersions.$inferSelect,
  locale?: Locale,
) {
  const kpis = await db.select().from(kpiDefinitions);
  const language = locale ?? version.terms.language;
  const kpiNames = new Map(kpis.map((k) => [k.key, language === 'en' ? k.nameEn : k.nameZh]));
  const bytes = await contractPdf(
    {
      reference: contract.reference,
      partnerName: partner.legalName,
      creditCode: partner.creditCode,
      version,
      approvedAt: version.submittedAt ?? version.createdAt,
    },
    language,
    kpiNames,
  );
  return {
    bytes,
    fileName: `${contract.reference}-v${version.version}.pdf`,
    contentType: 'application/pdf',
  };
}

/**
 * The partner administrator (or staff) uploads the countersigned copy of the approved version:
 * PDF only, within the size limit. It is stored once with its SHA-256 and the contract becomes
 * active; the version can no longer change (a change is a new version with its own approval).
 */
export async function uploadSignedContract(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  input: { contractId: string; fileName: string; bytes: Uint8Array },
  limits: { maxBytes?: number } = {},
) {
  await visibleContract(db, actor, input.contractId, 'sign');
  const { mime, ext } = await judgeUpload(input.bytes, limits.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES);
  if (ext !== 'pdf') {
    throw new AppError('unsupported_media_type', 'Upload the signed contract as a PDF file.', {
      messageKey: 'errors.contracts.signed_not_pdf',
      details: { fields: [{ path: 'file', message: 'Only PDF.' }] },
    });
  }
  const fileName = storedFileName(input.fileName, ext);
  return storeWithRows(db, storage, { bytes: input.bytes, contentType: mime }, async (tx, stored) => {
    const { contract, version, amendment } = await lockedWork(tx, input.contractId);
    if (version.status !== 'signing') {
      throw new AppError('conflict', 'This contract is not waiting for a signature.', {
        messageKey: 'errors.contracts.not_signing',
        details: { status: amendment ? version.status : contract.status },
      });
    }
    const [file] = await tx
      .insert(contractSignedFiles)
      .values({
        contractId: contract.id,
        version: version.version,
        fileName,
        contentType: mime,
        sizeBytes: input.bytes.byteLength,
        sha256: stored.sha256,
        storageKey: stored.storageKey,
        uploadedBy: 'userId' in actor ? actor.userId : null,
      })
      .returning();
    if (amendment) await putAmendmentInForce(tx, contract, version);
    else await moveVersion(tx, contract, version, 'signed');
    await audit(tx, actor, {
      action: amendment
        ? version.renewal
          ? 'contract.renewed'
          : 'contract.amendment_signed'
        : 'contract.signed',
      entityType: 'contract',
      entityId: contract.id,
      partnerId: contract.partnerId,
      data: {
        version: version.version,
        sha256: stored.sha256,
        sizeBytes: input.bytes.byteLength,
        ...(version.renewal
          ? { termStartDate: version.terms.termStartDate ?? null, endDate: version.terms.endDate }
          : {}),
      },
    });
    await notify(tx, {
      userIds: contract.ownerId ? [contract.ownerId] : [],
      template: 'notify.contract_signed',
      params: { reference: contract.reference },
      link: `/s/contracts/${contract.id}`,
      actor,
    });
    const { storageKey: _key, ...signed } = file!;
    return signed;
  });
}

/**
 * The countersigned copy, its bytes checked against the SHA-256 stored at upload: a file changed
 * in storage is refused, never served as the signed contract.
 */
export async function signedContractFile(
  db: Database,
  actor: Actor,
  storage: FileStorage,
  contractId: string,
  versionNumber?: number,
) {
  const { contract } = await visibleContract(db, actor, contractId, 'read');
  const [file] = await db
    .select()
    .from(contractSignedFiles)
    .where(
      and(
        eq(contractSignedFiles.contractId, contract.id),
        eq(contractSignedFiles.version, versionNumber ?? contract.currentVersion),
      ),
    );
  if (!file) throw notFound('Signed contract');
  const bytes = await storage.get(file.storageKey);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== file.sha256) {
    throw new AppError('integrity_failed', 'The stored signed copy does not match its recorded SHA-256.', {
      messageKey: 'errors.contracts.signed_tampered',
      details: { expected: file.sha256 },
    });
  }
  return { bytes, fileName: file.fileName, contentType: file.contentType, sha256 };
}
