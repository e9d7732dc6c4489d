import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  defaultRequirements,
  LocalDiskStorage,
  personById,
  requirementsFor,
  saveRequirement,
  type StaffRole,
  submitApplication,
  systemActor,
  uploadDocument,
} from '@outpost/core';
import { makePartner, makePartnerUser, makeStaff, validDocumentDates } from '@outpost/core/testing';
import { type Database, sessions } from '@outpost/db';
import type { PortalDeps } from '../app/context';
import type { StaffActionArgs } from '../app/lib/staff/staff-action';
import type { Viewer } from '../app/lib/viewer.server';

/** Shared set-up for the staff page tests: real database rows, the real catalogue, real file storage. */
export const pdf = () =>
  new Uint8Array(
    readFileSync(path.resolve(import.meta.dirname, '../../../packages/core/test/fixtures/licence.pdf')),
  );

export function depsFor(db: Database, extra: Partial<PortalDeps> = {}): PortalDeps {
  return {
    db,
    slack: null,
    storage: new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-staff-files-'))),
    publicUrl: 'https://outpost.example.com',
    uploadMaxBytes: 1024 * 1024,
    mailEnabled: false,
    ...extra,
  };
}

export async function seedCatalogue(db: Database) {
  for (const requirement of defaultRequirements) await saveRequirement(db, systemActor('test'), requirement);
}

let sessionCounter = 0;

/** A signed-in staff member with these roles, as the portal's middleware would resolve them. */
export async function staffViewer(db: Database, roles: StaffRole[]): Promise<Viewer> {
  const { user } = await makeStaff(db, roles);
  const [session] = await db
    .insert(sessions)
    .values({
      id: `staff-session-${++sessionCounter}-${Date.now()}`,
      secretHash: new Uint8Array(32),
      userId: user.id,
    })
    .returning();
  return { person: (await personById(db, user.id))!, session: session!, unread: 0 };
}

export function formOf(values: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (Array.isArray(value)) for (const v of value) form.append(key, v);
    else form.set(key, value);
  }
  return form;
}

export function argsFor(
  deps: PortalDeps,
  viewer: Viewer,
  values: Record<string, string | string[]>,
  locale: 'en' | 'zh-CN' = 'en',
): StaffActionArgs {
  return { deps, viewer, locale, form: formOf(values) };
}

/** A partner that uploaded every required document for IT services and submitted its application. */
export async function submittedApplication(deps: PortalDeps) {
  const partner = await makePartner(deps.db, { status: 'invited' });
  const { actor } = await makePartnerUser(deps.db, partner.id, 'partner_admin');
  const required = (await requirementsFor(deps.db, ['it'])).filter((r) => r.mandatory);
  for (const requirement of required) {
    await uploadDocument(deps.db, actor, deps.storage, {
      requirementId: requirement.id,
      fileName: `${requirement.key}.pdf`,
      bytes: pdf(),
      ...validDocumentDates(requirement),
    });
  }
  const application = await submitApplication(deps.db, actor, { serviceCategories: ['it'] });
  return { partner, partnerActor: actor, application, required };
}
