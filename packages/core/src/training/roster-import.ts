import { type Database, partnerMemberships, serviceCategories, trainingPeople, users } from '@outpost/db';
import { type MessageKey, translate } from '@outpost/i18n';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { csvDocument } from '../csv.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { assertPartnerActive } from '../partner-status.ts';
import { assertCan } from '../permissions.ts';
import { type ImportCell, importFormatOf, readImportTable } from '../performance/import-table.ts';
import { personInput } from './roster.ts';

/** The columns of a roster file, in template order; `email` (a portal account) is optional. */
export const rosterImportColumns = [
  'name',
  'staffNumber',
  'jobRole',
  'serviceCategory',
  'startDate',
  'email',
] as const;
export type RosterImportColumn = (typeof rosterImportColumns)[number];

/** A roster is people, not events: a file beyond this belongs in several files. */
export const MAX_ROSTER_ROWS = 5000;

const columnLabel = (c: RosterImportColumn) => `training.import.column.${c}` as MessageKey;

/** Header spellings accepted for a column: its key, and its heading in either language. */
function headerIndex(): Map<string, RosterImportColumn> {
  const map = new Map<string, RosterImportColumn>();
  for (const c of rosterImportColumns) {
    for (const label of [c, translate('zh-CN', columnLabel(c)), translate('en', columnLabel(c))]) {
      map.set(normaliseHeader(label), c);
    }
  }
  return map;
}
const normaliseHeader = (s: string) =>
  s
    .replace(/[\s_\-（）()*：:]/g, '')
    .replace(/可选|optional/gi, '')
    .toLowerCase();

/** The template a partner administrator downloads: UTF-8 with a BOM (Excel), headings in their language. */
export function rosterTemplateCsv(locale: 'zh-CN' | 'en'): string {
  const header = rosterImportColumns.map((c) => translate(locale, columnLabel(c)));
  const sample =
    locale === 'zh-CN'
      ? ['张三', 'S-10001', '客户经理', 'agency', '2026-01-05', '']
      : ['Zhang San', 'S-10001', 'Account manager', 'agency', '2026-01-05', ''];
  return csvDocument(header, [sample]);
}

export interface RosterImportProblem {
  column: RosterImportColumn | 'file';
  /** i18n key of the reason, rendered in the reader's language. */
  messageKey: MessageKey;
}
export interface RosterImportRow {
  /** Line in the file (the header is line 1). */
  line: number;
  name: string;
  status: 'added' | 'updated' | 'unchanged' | 'refused';
  problems: RosterImportProblem[];
}
export interface RosterImportResult {
  added: number;
  updated: number;
  unchanged: number;
  refused: number;
  rows: RosterImportRow[];
}

const cellText = (cell: ImportCell | undefined): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
};

/** Accepts 2026-01-05, 2026/1/5 and 2026.01.05 (what Chinese spreadsheets write). */
function isoDay(value: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : value;
}

/** A category by its code or its label in either language. */
function categoryOf(value: string): string {
  const v = value.trim().toLowerCase();
  for (const c of serviceCategories) {
    const labels = [
      c,
      translate('zh-CN', `category.${c}` as MessageKey),
      translate('en', `category.${c}` as MessageKey),
    ];
    if (labels.some((l) => l.toLowerCase() === v)) return c;
  }
  return value;
}

const reasons: Record<string, MessageKey> = {
  name: 'training.import.reason.name',
  staffNumber: 'training.import.reason.staffNumber',
  jobRole: 'training.import.reason.jobRole',
  serviceCategory: 'training.import.reason.serviceCategory',
  startDate: 'training.import.reason.startDate',
};

const fileProblem = (messageKey: MessageKey, message: string) =>
  new AppError('validation_failed', message, {
    messageKey,
    details: { fields: [{ path: 'file', message }] },
  });

/**
 * Imports a roster file (CSV or XLSX, headings in Chinese or English) into the partner
 * administrator's own roster. Every row is checked; the good rows are stored together in one
 * transaction (a person is matched on their ID or staff number, so importing the same file
 * again adds nobody), the bad ones are reported with the column and reason — none of a bad
 * row is stored.
 */
export async function importRoster(
  db: Database,
  actor: Actor,
  input: { fileName: string; bytes: Uint8Array },
): Promise<RosterImportResult> {
  assertCan(actor, 'manage:training-roster:own');
  if (actor.type !== 'partner') {
    throw new AppError('forbidden', 'Only the partner keeps its roster.', { messageKey: 'errors.forbidden' });
  }
  await assertPartnerActive(db, actor);
  const partnerId = actor.partnerId;
  const format = importFormatOf(input.fileName);
  if (!format) throw fileProblem('errors.import_format', 'Upload a .csv or .xlsx file.');
  const table = (await readImportTable(input.bytes, format)).filter((row) =>
    row.some((cell) => cellText(cell) !== ''),
  );
  if (table.length < 2) throw fileProblem('training.import.empty', 'The file holds no people.');
  if (table.length - 1 > MAX_ROSTER_ROWS) {
    throw fileProblem(
      'training.import.tooManyRows',
      `A roster file may hold at most ${MAX_ROSTER_ROWS} people.`,
    );
  }
  const headers = headerIndex();
  const positions = new Map<RosterImportColumn, number>();
  table[0]!.forEach((cell, i) => {
    const column = headers.get(normaliseHeader(cellText(cell)));
    if (column && !positions.has(column)) positions.set(column, i);
  });
  const missing = rosterImportColumns.filter((c) => c !== 'email' && !positions.has(c));
  if (missing.length > 0) {
    throw new AppError('validation_failed', `Missing columns: ${missing.join(', ')}.`, {
      messageKey: 'training.import.missingColumns',
      details: { missing, fields: [{ path: 'file', message: `Missing columns: ${missing.join(', ')}.` }] },
    });
  }
  const at = (row: ImportCell[], c: RosterImportColumn) => {
    const i = positions.get(c);
    return i === undefined ? '' : cellText(row[i]);
  };

  // The partner's own portal accounts, by e-mail (lower case).
  const accounts = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(partnerMemberships, eq(partnerMemberships.userId, users.id))
    .where(and(eq(partnerMemberships.partnerId, partnerId), eq(users.status, 'active')));
  const accountByEmail = new Map(accounts.map((a) => [a.email.toLowerCase(), a.id]));

  const rows: RosterImportRow[] = [];
  const good: {
    line: number;
    value: Omit<ReturnType<typeof personInput.parse>, 'userId'> & { userId: string | null };
  }[] = [];
  const seen = new Map<string, number>();
  table.slice(1).forEach((row, index) => {
    const line = index + 2;
    const raw = {
      name: at(row, 'name'),
      staffNumber: at(row, 'staffNumber'),
      jobRole: at(row, 'jobRole'),
      serviceCategory: categoryOf(at(row, 'serviceCategory')),
      startDate: isoDay(at(row, 'startDate')),
    };
    const problems: RosterImportProblem[] = [];
    const parsed = personInput.safeParse(raw);
    if (!parsed.success) {
      const columns = new Set(parsed.error.issues.map((i) => String(i.path[0])));
      for (const c of rosterImportColumns) {
        if (columns.has(c)) problems.push({ column: c, messageKey: reasons[c]! });
      }
    }
    const email = at(row, 'email').toLowerCase();
    let userId: string | null = null;
    if (email) {
      userId = accountByEmail.get(email) ?? null;
      if (!userId) problems.push({ column: 'email', messageKey: 'training.import.reason.email' });
    }
    const number = raw.staffNumber;
    if (parsed.success && seen.has(number)) {
      problems.push({ column: 'staffNumber', messageKey: 'training.import.reason.duplicateInFile' });
    }
    if (parsed.success) seen.set(number, line);
    if (problems.length > 0 || !parsed.success) {
      rows.push({ line, name: raw.name, status: 'refused', problems });
      return;
    }
    good.push({ line, value: { ...parsed.data, userId } });
    rows.push({ line, name: parsed.data.name, status: 'unchanged', problems: [] });
  });

  const result = await db.transaction(async (tx) => {
    // One import of a roster at a time per partner, so two uploads of one file cannot both add.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`training-roster:${partnerId}`}))`);
    const existing = good.length
      ? await tx
          .select()
          .from(trainingPeople)
          .where(
            and(
              eq(trainingPeople.partnerId, partnerId),
              isNull(trainingPeople.removedAt),
              inArray(
                trainingPeople.staffNumber,
                good.map((g) => g.value.staffNumber),
              ),
            ),
          )
      : [];
    const byNumber = new Map(existing.map((p) => [p.staffNumber, p]));
    const byLine = new Map(rows.map((r) => [r.line, r]));
    for (const { line, value } of good) {
      const report = byLine.get(line)!;
      const before = byNumber.get(value.staffNumber);
      if (!before) {
        await tx.insert(trainingPeople).values({ ...value, partnerId });
        report.status = 'added';
        continue;
      }
      const userId = value.userId ?? before.userId;
      const same =
        before.name === value.name &&
        before.jobRole === value.jobRole &&
        before.serviceCategory === value.serviceCategory &&
        before.startDate === value.startDate &&
        before.userId === userId;
      if (same) continue;
      await tx
        .update(trainingPeople)
        .set({ ...value, userId, updatedAt: new Date() })
        .where(eq(trainingPeople.id, before.id));
      report.status = 'updated';
    }
    const counts = {
      added: rows.filter((r) => r.status === 'added').length,
      updated: rows.filter((r) => r.status === 'updated').length,
      unchanged: rows.filter((r) => r.status === 'unchanged').length,
      refused: rows.filter((r) => r.status === 'refused').length,
    };
    await audit(tx, actor, {
      action: 'training.roster_imported',
      entityType: 'partner',
      entityId: partnerId,
      partnerId,
      data: { format, rows: rows.length, ...counts },
    });
    return counts;
  });
  return { ...result, rows };
}
