import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '@outpost/db';
import { validDocumentDates } from '../src/testing/fixtures.ts';
import {
  type Actor,
  defaultRequirements,
  LocalDiskStorage,
  requirementsFor,
  saveRequirement,
  systemActor,
  uploadDocument,
} from '../src/index.ts';

export const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
export const tempStorage = () => new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-files-')));

export async function seedCatalogue(db: Database) {
  for (const requirement of defaultRequirements) await saveRequirement(db, systemActor('test'), requirement);
}

/** Uploads a valid file for every mandatory requirement of the categories; returns the document ids by key. */
export async function uploadAll(
  db: Database,
  actor: Actor,
  storage: LocalDiskStorage,
  categories: ('claims' | 'agency')[],
) {
  const ids: Record<string, string> = {};
  for (const requirement of (await requirementsFor(db, categories)).filter((r) => r.mandatory)) {
    const { document } = await uploadDocument(db, actor, storage, {
      requirementId: requirement.id,
      fileName: `${requirement.key}.pdf`,
      bytes: fixture('licence.pdf'),
      ...validDocumentDates(requirement),
    });
    ids[requirement.key] = document.id;
  }
  return ids;
}
