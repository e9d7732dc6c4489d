import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  defaultRequirements,
  invitePartner,
  LocalDiskStorage,
  saveRequirement,
  systemActor,
} from '@outpost/core';
import { makePartnerUser, makeStaff, validCreditCode } from '@outpost/core/testing';
import type { Database } from '@outpost/db';
import type { PartnerActor } from '../app/lib/partner/partner-viewer.server';

/** Shared set-up for the partner page tests: the real catalogue, real files, real storage. */
export const fixturesDir = path.resolve(import.meta.dirname, '../../../packages/core/test/fixtures');
export const fixture = (name: string) => new Uint8Array(readFileSync(path.join(fixturesDir, name)));

export const tempStorage = () =>
  new LocalDiskStorage(mkdtempSync(path.join(os.tmpdir(), 'outpost-partner-files-')));

export async function seedCatalogue(db: Database) {
  for (const requirement of defaultRequirements) await saveRequirement(db, systemActor('test'), requirement);
}

/** An invited partner (as staff would invite it) with an administrator already signed up. */
export async function invitedPartnerWithAdmin(
  db: Database,
  categories: ('claims' | 'it' | 'agency')[] = ['it'],
) {
  const { actor: staff } = await makeStaff(db, ['reviewer']);
  const { partner, invitation } = await invitePartner(db, staff, {
    legalName: `测试科技有限公司 ${Math.random().toString(36).slice(2, 7)}`,
    creditCode: validCreditCode(),
    serviceCategories: categories,
    contactEmail: `admin-${Math.random().toString(36).slice(2, 9)}@example.test`,
  });
  const { actor, user } = await makePartnerUser(db, partner.id, 'partner_admin');
  return { partner, invitation, staff, admin: actor as PartnerActor, adminUser: user };
}

export function formOf(values: Record<string, string | string[] | File>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (Array.isArray(value)) for (const v of value) form.append(key, v);
    else form.set(key, value);
  }
  return form;
}

export const fileOf = (name: string, bytes: Uint8Array<ArrayBuffer>) => new File([bytes], name);
