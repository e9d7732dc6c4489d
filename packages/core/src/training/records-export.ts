import {
  type Database,
  partners,
  trainingAttempts,
  trainingCompletions,
  trainingCourseVersions,
  trainingPeople,
} from '@outpost/db';
import { formatDateTime, type Locale, type MessageKey, translate } from '@outpost/i18n';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { csvDocument } from '../csv.ts';
import { notFound } from '../errors.ts';
import { writeXlsxSheets } from '../exports/xlsx-write.ts';
import { assertCan } from '../permissions.ts';
import { isUuid } from '../validation.ts';
import { owedConfirmations } from './notices/confirmation-rates.ts';
import { maskStaffNumber } from './requirements.ts';

export const recordColumns = [
  'person',
  'staffNumber',
  'course',
  'version',
  'category',
  'source',
  'attempt',
  'score',
  'passed',
  'hours',
  'completedOn',
  'submittedAt',
  'certificate',
] as const;

/**
 * The notice confirmations part: one row per person and notice owed (decision record 032). Kept
 * apart from the records, as a second XLSX sheet and its own CSV, so the records' columns stay
 * what the systems reading them expect.
 */
export const noticeColumns = [
  'person',
  'staffNumber',
  'notice',
  'confirmBy',
  'readAt',
  'confirmedAt',
  'status',
] as const;

/**
 * Every training record of a partner (or one of its people): each assessment attempt with its
 * score and course version, and each completion with its hours — course and external — and,
 * apart (`notices`), each notice confirmation owed on `asOf` (default today). A partner reads its
 * own only; staff any partner's. Times are Beijing time, headings in `locale`.
 */
export async function trainingRecords(
  db: Database,
  actor: Actor,
  options: { partnerId?: string; personId?: string; locale: Locale; asOf?: string },
) {
  let partnerId: string;
  if (actor.type === 'partner') {
    assertCan(actor, 'manage:training-roster:own');
    partnerId = actor.partnerId;
  } else {
    assertCan(actor, 'read:training:any');
    if (!options.partnerId || !isUuid(options.partnerId)) throw notFound('Partner');
    partnerId = options.partnerId;
  }
  const [partner] = await db
    .select({ id: partners.id, name: partners.legalName })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (!partner) throw notFound('Partner');
  if (options.personId !== undefined && !isUuid(options.personId)) throw notFound('Person');
  const personFilter: SQL[] = [eq(trainingPeople.partnerId, partnerId)];
  if (options.personId) personFilter.push(eq(trainingPeople.id, options.personId));
  const people = await db
    .select()
    .from(trainingPeople)
    .where(and(...personFilter))
    .orderBy(asc(trainingPeople.name), asc(trainingPeople.id));
  if (options.personId && people.length === 0) throw notFound('Person');
  const ids = people.map((p) => p.id);
  const [attempts, completions] = ids.length
    ? await Promise.all([
        db
          .select({ attempt: trainingAttempts, version: trainingCourseVersions })
          .from(trainingAttempts)
          .innerJoin(trainingCourseVersions, eq(trainingCourseVersions.id, trainingAttempts.courseVersionId))
          .where(and(eq(trainingAttempts.partnerId, partnerId), inArray(trainingAttempts.personId, ids)))
          .orderBy(asc(trainingAttempts.submittedAt)),
        db
          .select()
          .from(trainingCompletions)
          .where(
            and(eq(trainingCompletions.partnerId, partnerId), inArray(trainingCompletions.personId, ids)),
          )
          .orderBy(asc(trainingCompletions.completedOn)),
      ])
    : [[], []];
  const versionIds = [...new Set(completions.map((c) => c.courseVersionId).filter((v) => v !== null))];
  const versions = versionIds.length
    ? await db.select().from(trainingCourseVersions).where(inArray(trainingCourseVersions.id, versionIds))
    : [];
  const versionById = new Map(versions.map((v) => [v.id, v]));
  const byAttempt = new Map(completions.filter((c) => c.attemptId).map((c) => [c.attemptId!, c]));
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(options.locale, key as MessageKey, params);
  const title = (v: { titleZh: string; titleEn: string }) =>
    options.locale === 'zh-CN' ? v.titleZh : v.titleEn;
  const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

  const rows: (string | number | null)[][] = [];
  for (const person of people) {
    const number = maskStaffNumber(person.staffNumber);
    for (const { attempt, version } of attempts.filter((a) => a.attempt.personId === person.id)) {
      const completion = byAttempt.get(attempt.id);
      rows.push([
        person.name,
        number,
        title(version),
        version.version,
        completion ? t(`training.category.${completion.category}`) : '',
        t('training.records.source.course'),
        attempt.attempt,
        attempt.score,
        t(attempt.passed ? 'training.records.yes' : 'training.records.no'),
        completion ? hours(completion.minutes) : null,
        completion?.completedOn ?? '',
        formatDateTime(options.locale, attempt.submittedAt),
        completion?.certificateCode ?? '',
      ]);
    }
    for (const c of completions.filter((c) => c.personId === person.id && !c.attemptId)) {
      const version = c.courseVersionId ? versionById.get(c.courseVersionId) : undefined;
      rows.push([
        person.name,
        number,
        version ? title(version) : '',
        version?.version ?? null,
        t(`training.category.${c.category}`),
        t(c.source === 'course' ? 'training.records.source.course' : 'training.records.source.external'),
        null,
        null,
        '',
        hours(c.minutes),
        c.completedOn,
        formatDateTime(options.locale, c.createdAt),
        c.certificateCode,
      ]);
    }
  }
  const header = recordColumns.map((c) => t(`training.records.column.${c}`));

  const owed = await owedConfirmations(db, partnerId, { personId: options.personId, asOf: options.asOf });
  const personById = new Map(people.map((p) => [p.id, p]));
  const when = (at: Date | null) => (at ? formatDateTime(options.locale, at) : '');
  const noticeRows: (string | number | null)[][] = owed.map((o) => {
    const person = personById.get(o.personId)!;
    return [
      person.name,
      maskStaffNumber(person.staffNumber),
      title(o),
      o.confirmBy,
      when(o.readAt),
      when(o.confirmedAt),
      t(`training.records.notice.status.${o.status}`),
    ];
  });
  const notices = {
    header: noticeColumns.map((c) => t(`training.records.notice.column.${c}`)),
    rows: noticeRows,
  };
  return { partner, person: options.personId ? people[0]! : null, header, rows, notices };
}

/** The records as CSV through the one CSV writer (BOM for Excel, formulas defused). */
export function recordsCsv(records: { header: string[]; rows: (string | number | null)[][] }): string {
  return csvDocument(
    records.header,
    records.rows.map((r) => r.map((v) => (v === null ? '' : String(v)))),
  );
}

/** The notice confirmations as their own CSV (the records CSV keeps its columns). */
export function noticeConfirmationsCsv(records: {
  notices: { header: string[]; rows: (string | number | null)[][] };
}): string {
  return recordsCsv(records.notices);
}

/** The records on the first sheet, as before, and the notice confirmations on a second one. */
export function recordsXlsx(records: {
  header: string[];
  rows: (string | number | null)[][];
  notices?: { header: string[]; rows: (string | number | null)[][] };
}): Uint8Array<ArrayBuffer> {
  const sheets = [{ name: 'Training', rows: [records.header, ...records.rows] }];
  if (records.notices)
    sheets.push({ name: 'Notices', rows: [records.notices.header, ...records.notices.rows] });
  return writeXlsxSheets(sheets);
}
