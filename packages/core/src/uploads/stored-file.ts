import { createHash } from 'node:crypto';
import { loggerFor } from '@outpost/log';
import {
  assessments,
  type Database,
  documentVersions,
  rectificationEvidence,
  riskAlertEvidence,
  riskIncidentEvidence,
  trainingCourseVersions,
  trainingNotices,
  trainingExternalCertificates,
  contractSignedFiles,
  managementReportFiles,
} from '@outpost/db';
import { isNotNull, sql } from 'drizzle-orm';
import { systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import type { FileStorage } from '../ports.ts';

/** Namespace of the advisory lock taken per content key while a file is stored with its rows. */
const STORED_FILE_LOCK = 7240510;
export const CONTENT_PREFIX = 'sha256/';

/** Content-addressed key: the sha256, so a retried upload stores nothing twice and a key never changes. */
export function contentAddress(bytes: Uint8Array) {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { sha256, storageKey: `${CONTENT_PREFIX}${sha256.slice(0, 2)}/${sha256}` };
}

/**
 * The one way an uploaded (and already judged) file is stored: inside the unit of work that
 * writes the rows referencing it. `work` runs first in the transaction; the bytes are written
 * only when it succeeded, under an advisory lock per key (so two uploads of the same bytes
 * cannot interleave), and removed again if the commit itself fails — unless the file was
 * already there, referenced by earlier rows. A crash between the write and the commit leaves
 * a file no row names; the `orphan-files` job finds and reports it.
 */
export async function storeWithRows<T>(
  db: Database,
  storage: FileStorage,
  file: { bytes: Uint8Array; contentType: string },
  work: (tx: Database, stored: { sha256: string; storageKey: string }) => Promise<T>,
): Promise<T> {
  const stored = contentAddress(file.bytes);
  let created = false;
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(${STORED_FILE_LOCK}, hashtext(${stored.storageKey}))`,
      );
      const result = await work(tx, stored);
      if (!(await storage.exists(stored.storageKey))) {
        await storage.put(stored.storageKey, file.bytes, file.contentType);
        created = true;
      }
      return result;
    });
  } catch (error) {
    if (created) {
      await storage
        .delete(stored.storageKey)
        .catch((e) => loggerFor('storage').warn({ err: e }, 'stored file cleanup failed'));
    }
    throw error;
  }
}

/** Every storage key a row refers to (documents, third-party reports, rectification evidence). */
export async function referencedStorageKeys(db: Database): Promise<Set<string>> {
  const [
    versions,
    reports,
    evidence,
    external,
    courseVersions,
    notices,
    signed,
    alertEvidence,
    incidentEvidence,
    reportFiles,
  ] = await Promise.all([
    db.selectDistinct({ key: documentVersions.storageKey }).from(documentVersions),
    db
      .selectDistinct({ key: assessments.thirdPartyReportStorageKey })
      .from(assessments)
      .where(isNotNull(assessments.thirdPartyReportStorageKey)),
    db.selectDistinct({ key: rectificationEvidence.storageKey }).from(rectificationEvidence),
    db.selectDistinct({ key: trainingExternalCertificates.storageKey }).from(trainingExternalCertificates),
    db.select({ attachments: trainingCourseVersions.attachments }).from(trainingCourseVersions),
    db.select({ attachments: trainingNotices.attachments }).from(trainingNotices),
    db.selectDistinct({ key: contractSignedFiles.storageKey }).from(contractSignedFiles),
    db.selectDistinct({ key: riskAlertEvidence.storageKey }).from(riskAlertEvidence),
    db.selectDistinct({ key: riskIncidentEvidence.storageKey }).from(riskIncidentEvidence),
    db.selectDistinct({ key: managementReportFiles.storageKey }).from(managementReportFiles),
  ]);
  const attachments = [...courseVersions, ...notices].flatMap((v) =>
    v.attachments.map((a) => ({ key: a.storageKey })),
  );
  return new Set(
    [
      ...versions,
      ...reports,
      ...evidence,
      ...external,
      ...attachments,
      ...signed,
      ...alertEvidence,
      ...incidentEvidence,
      ...reportFiles,
    ].map((r) => r.key!),
  );
}

/** Files younger than this may belong to an upload still committing; the scan leaves them be. */
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;
const REPORTED_KEYS = 100;

/**
 * Finds files in the store that no row references (older than the grace period) and reports
 * them: one audit entry `storage.orphans_found` with the count and the first keys, and a
 * warning in the log. It deletes nothing — an orphan means a crash or a bug worth looking at,
 * and an operator removes the files once understood (decision record 015).
 */
export async function reportOrphanFiles(db: Database, storage: FileStorage, now = new Date()) {
  const referenced = await referencedStorageKeys(db);
  const orphans: { key: string; modifiedAt: Date }[] = [];
  let scanned = 0;
  for await (const file of storage.list(CONTENT_PREFIX)) {
    scanned++;
    if (referenced.has(file.key)) continue;
    if (now.getTime() - file.modifiedAt.getTime() < ORPHAN_GRACE_MS) continue;
    orphans.push(file);
  }
  if (orphans.length > 0) {
    const keys = orphans.slice(0, REPORTED_KEYS).map((o) => o.key);
    loggerFor('orphan-files').warn({ count: orphans.length, keys }, 'stored files no row references');
    await db.transaction((tx) =>
      audit(tx, systemActor('orphan-files'), {
        action: 'storage.orphans_found',
        entityType: 'storage',
        data: { count: orphans.length, keys },
      }),
    );
  }
  return { scanned, orphans: orphans.map((o) => o.key) };
}
