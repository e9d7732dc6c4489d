import { createHash } from 'node:crypto';
import type { Database } from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { zipSync } from 'fflate';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { parse } from '../validation.ts';
import { registerEntries } from './arrangements.ts';
import { AppError } from '../errors.ts';
import { getSetting } from '../settings.ts';
import { doraTemplates, plainCsv, type ReportingEntity, reportingEntityOf } from './dora-templates.ts';

/**
 * Every zip entry's modification time. A fixed local-time date (fflate writes DOS times from the
 * local clock), so the same data gives the same bytes on any machine, in any time zone, on any day.
 */
const ENTRY_TIME = new Date(2000, 0, 1, 0, 0, 0);

export const doraExportInput = z.strictObject({
  asOf: z.iso.date('Enter the reference date as YYYY-MM-DD.').optional(),
});

/**
 * DORA's Register of Information core templates as one zip of plain CSV files (decision record
 * 052), reproducible: files in template order, fixed entry times, rows ordered by reference (or
 * provider code), fixed compression level — the same data and reference date give a byte-identical
 * zip. Recorded in the audit log with the zip's SHA-256. No arrangement: every template with its
 * header row only (B_01.01 still names the entity), a valid, empty register.
 *
 * The reporting entity is the insurer's own (`register.entity`, decision record 060). Until an
 * administrator sets it the export is refused (409): every template is keyed to its LEI, so a zip
 * without it would be rejected by the regulator's system. Tests and the bench may pass one.
 */
export async function exportDoraRegister(
  db: Database,
  actor: Actor,
  raw: z.input<typeof doraExportInput> = {},
  given?: ReportingEntity,
) {
  const input = parse(doraExportInput, raw);
  const asOf = input.asOf ?? todayInChina();
  const entries = await registerEntries(db, actor, asOf);
  const entity = given ?? (await settingEntity(db));
  const templates = doraTemplates(entity, asOf, entries);
  const encoder = new TextEncoder();
  const files: Record<string, [Uint8Array, { mtime: Date; level: 6 }]> = {};
  for (const t of templates)
    files[t.fileName] = [encoder.encode(plainCsv(t)), { mtime: ENTRY_TIME, level: 6 }];
  const body = zipSync(files);
  const sha256 = createHash('sha256').update(body).digest('hex');
  await audit(db, actor, {
    action: 'register.dora_exported',
    entityType: 'register',
    data: {
      asOf,
      arrangements: entries.length,
      rows: Object.fromEntries(templates.map((t) => [t.code, t.rows.length])),
      sha256,
    },
  });
  return {
    fileName: `dora-register-of-information-${asOf}.zip`,
    contentType: 'application/zip',
    body,
    sha256,
    arrangements: entries.length,
  };
}

/** The insurer's entity from its setting, or a refusal saying where to set it. */
async function settingEntity(db: Database): Promise<ReportingEntity> {
  const entity = await getSetting(db, 'register.entity');
  if (!entity)
    throw new AppError(
      'conflict',
      'Our legal entity (name, LEI, country, competent authority, type) is not set: an administrator sets it under Settings before the DORA register can be exported.',
      { messageKey: 'register.entity.unset' },
    );
  return reportingEntityOf(entity);
}
