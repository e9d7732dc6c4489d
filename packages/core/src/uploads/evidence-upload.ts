import type { Database } from '@outpost/db';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { assertCan, can, type Permission } from '../permissions.ts';
import type { FileStorage } from '../ports.ts';
import { parse } from '../validation.ts';
import { storedFileName } from './file-name.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, judgeUpload } from './judge-upload.ts';
import { storeWithRows } from './stored-file.ts';

/** A judged, named and content-addressed file: the columns every attachment row has. */
export interface EvidenceFile {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

export interface EvidenceUpload<K extends string, Target, T> {
  /** The field the target's id is given and validated under (`itemId`, `taskId`, …). */
  idField: K;
  /** The caller's input: the target's id, the file's name and its bytes. */
  raw: { [P in K]: string } & { fileName: string; bytes: Uint8Array };
  maxBytes?: number | undefined;
  /** Refuses a foreign or closed target before anything is judged or stored. */
  before: (id: string) => Promise<Target>;
  /** Writes the attachment rows and the audit entry, in the transaction the bytes are stored with. */
  save: (tx: Database, file: EvidenceFile, target: Target) => Promise<T>;
}

/**
 * The one shape of a partner's evidence upload (rectification items, incident tasks, shared
 * alerts, termination certificates): the id and file name validated, the target checked before
 * anything is stored, the type judged from the content with the size limit (judgeUpload), the
 * name made safe (storedFileName), then the bytes stored content-addressed together with the
 * rows `save` writes (storeWithRows). Who may upload is checked by the caller first.
 */
export async function uploadEvidence<K extends string, Target, T>(
  db: Database,
  storage: FileStorage,
  upload: EvidenceUpload<K, Target, T>,
): Promise<T> {
  const { idField, raw } = upload;
  const input = parse(z.object({ [idField]: z.string(), fileName: z.string().trim().min(1).max(255) }), {
    [idField]: raw[idField],
    fileName: raw.fileName,
  });
  const target = await upload.before(input[idField] as string);
  const { mime, ext } = await judgeUpload(raw.bytes, upload.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES);
  const fileName = storedFileName(input.fileName as string, ext);
  const sizeBytes = raw.bytes.byteLength;
  return storeWithRows(db, storage, { bytes: raw.bytes, contentType: mime }, (tx, { sha256, storageKey }) =>
    upload.save(tx, { fileName, contentType: mime, sizeBytes, sha256, storageKey }, target),
  );
}

/** An attachment row as returned to callers: everything but where the bytes are kept. */
export function withoutStorageKey<R extends { storageKey: string }>(row: R): Omit<R, 'storageKey'> {
  const { storageKey: _key, ...rest } = row;
  return rest;
}

/**
 * Whose evidence an actor may read: `undefined` for staff holding `anyPermission` (every
 * partner's), else the actor's own partner (after `ownPermission`). Anyone else: "not found".
 */
export function evidenceReader(actor: Actor, anyPermission: Permission, ownPermission: Permission) {
  if (can(actor, anyPermission)) return undefined;
  assertCan(actor, ownPermission);
  if (actor.type === 'partner' || actor.type === 'api_key') return actor.partnerId;
  throw notFound('Evidence');
}

/** The bytes of a stored attachment with the name and type it is downloaded under. */
export async function evidenceDownload(
  storage: FileStorage,
  file: { storageKey: string; fileName: string; contentType: string; sha256: string },
) {
  return {
    bytes: await storage.get(file.storageKey),
    fileName: file.fileName,
    contentType: file.contentType,
    sha256: file.sha256,
  };
}
