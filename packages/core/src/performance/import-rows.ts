/**
 * The rows of an import file → checked wire events, or every problem by row and column.
 * Pure (no database): the import worker (xlsx-worker.ts) runs it off the event loop, and
 * tests call it directly. Node loads it in the worker with types stripped — keep it free of
 * TypeScript-only runtime syntax and of imports beyond zod and core's own pure modules.
 */
import type { EventIssue, EventIssueCode } from './event-issues.ts';
import { FUTURE_TOLERANCE_MS, type ServiceEventInput } from './event-schema.ts';
import { MAX_IMPORT_ROWS } from './import-limits.ts';
import { checkEvent } from './validate-batch.ts';

/** One cell as a spreadsheet gives it: text from CSV; text, number, boolean or date from XLSX. */
export type ImportCell = string | number | boolean | Date | null;

/**
 * The columns of an import file: the fields of a service event (see event-schema.ts), one
 * per column, in any order. A row leaves empty the columns its type does not use.
 */
export const importColumns = [
  'externalId',
  'type',
  'occurredAt',
  'caseId',
  'slaDueAt',
  'rating',
  'passed',
  'checkType',
  'amount',
  'cause',
  'category',
  'correctsExternalId',
  'reason',
] as const;
export type ImportColumn = (typeof importColumns)[number];
const requiredColumns: ImportColumn[] = ['externalId', 'type', 'occurredAt'];
const numberColumns = new Set<ImportColumn>(['rating', 'amount']);
const instantColumns = new Set<ImportColumn>(['occurredAt', 'slaDueAt']);

/** Problems reported back; enough to fix a file, small enough for a page. */
export const MAX_REPORTED_ROWS = 500;

export type ImportIssueCode =
  | EventIssueCode
  | 'unknown_column'
  | 'missing_column'
  | 'duplicate_column'
  /** A value under a column without a header; params.position (1-based). */
  | 'unnamed_column'
  | 'no_rows'
  /** params.maxRows. */
  | 'too_many_rows';

/**
 * One problem in a file: the spreadsheet row (the header is row 1), the column (`path`, null
 * for the whole row or file), a code with params to translate, and an English message.
 */
export interface ImportIssue {
  row: number;
  path: string | null;
  code: ImportIssueCode;
  params: Record<string, string | number>;
  /** English, for logs and API clients; the portal renders `code` in the reader's language. */
  message: string;
}
/** The name earlier versions used. */
export type ImportRowError = ImportIssue;

export interface MappedImport {
  events: ServiceEventInput[];
  /** The spreadsheet row of each event (same order). */
  rows: number[];
  /** The first MAX_REPORTED_ROWS problems, by row. */
  errors: ImportIssue[];
  /** Every problem counted. */
  errorCount: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/**
 * A spreadsheet date cell has no time zone; it is read as China Standard Time, the
 * insurer's business day (read-excel-file returns it as that wall-clock time in UTC).
 */
export const cstInstant = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}+08:00`;

const zoneLess = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?$/;

/**
 * A time written without a zone (`2026-11-01 09:00`, `2026/11/01 09:00:00`, `2026-11-01T09:00`,
 * a bare date for midnight) as the ISO instant it means in Beijing time (UTC+8, no daylight
 * saving) — what the import page promises. Text with a zone, or that is no valid calendar time,
 * is returned unchanged for the schema to judge.
 */
export function beijingInstant(text: string): string {
  const m = zoneLess.exec(text);
  if (!m) return text;
  const [year, month, day, hour = 0, minute = 0, second = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(
    (v) => (v === undefined ? undefined : Number(v)),
  ) as number[];
  const fraction = m[7] ?? '';
  const probe = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month! - 1 ||
    probe.getUTCDate() !== day ||
    probe.getUTCHours() !== hour ||
    probe.getUTCMinutes() !== minute ||
    probe.getUTCSeconds() !== second
  ) {
    return text;
  }
  return `${pad(year!, 4)}-${pad(month!)}-${pad(day!)}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}+08:00`;
}

const truthy = new Set(['true', '1', 'yes', 'y', '是', '通过', 'pass', 'passed']);
const falsy = new Set(['false', '0', 'no', 'n', '否', '不通过', 'fail', 'failed']);
/** NUL and unpaired surrogates: PostgreSQL cannot store them (see input-guard.ts). */
const unstorable = (text: string) => text.includes('\u0000') || !text.isWellFormed();

type CellResult =
  | { value: unknown }
  | { code: EventIssueCode; params: Record<string, string | number>; message: string };

function cellValue(column: ImportColumn, cell: ImportCell): CellResult | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'string' && cell.trim() === '') return null;
  if (typeof cell === 'string' && unstorable(cell)) {
    return {
      code: 'invalid_characters',
      params: {},
      message: `${column}: contains characters that cannot be stored.`,
    };
  }
  if (column === 'passed') {
    if (typeof cell === 'boolean') return { value: cell };
    const text = String(cell).trim().toLowerCase();
    if (truthy.has(text)) return { value: true };
    if (falsy.has(text)) return { value: false };
    return {
      code: 'invalid_type',
      params: { expected: 'boolean' },
      message: `passed: write true or false, not "${String(cell)}".`,
    };
  }
  if (numberColumns.has(column)) {
    if (typeof cell === 'number') return { value: cell };
    const text = String(cell).trim().replace(/,/g, '');
    const n = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isFinite(n)) return { value: n };
    return {
      code: 'invalid_type',
      params: { expected: 'number' },
      message: `${column}: "${String(cell)}" is not a number.`,
    };
  }
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime()))
      return { code: 'invalid_datetime', params: {}, message: `${column}: not a valid date.` };
    return { value: cstInstant(cell) };
  }
  const text = String(cell).trim();
  return { value: instantColumns.has(column) ? beijingInstant(text) : text };
}

/** Collects problems in order, keeping the first MAX_REPORTED_ROWS and counting all. */
class Problems {
  list: ImportIssue[] = [];
  count = 0;
  add(issue: ImportIssue) {
    this.count++;
    if (this.list.length < MAX_REPORTED_ROWS) this.list.push(issue);
  }
}

const fromField = (row: number, issue: EventIssue): ImportIssue => ({
  row,
  path: issue.path || null,
  code: issue.code,
  params: issue.params,
  message: issue.message,
});

/**
 * Turns a table (header row first) into checked wire events: the header, each cell's type,
 * then each row with the API's own rules (checkEvent, at the same moment) — every bad column
 * of a row is reported, not only the first — and what only a whole file shows: an id on two
 * rows. Rows with no value at all are skipped (spreadsheets often end in blank rows).
 * Corrections are moved after the events they may correct, so batches store in a safe order.
 */
export function checkImportTable(table: ImportCell[][], now = Date.now()): MappedImport {
  const problems = new Problems();
  const headerIndex = table.findIndex((r) => r.some((c) => c !== null && String(c).trim() !== ''));
  if (headerIndex < 0) {
    problems.add({ row: 1, path: null, code: 'no_rows', params: {}, message: 'The file is empty.' });
    return { events: [], rows: [], errors: problems.list, errorCount: problems.count };
  }
  const header = table[headerIndex]!.map((c) => (c === null ? '' : String(c).trim()));
  const headerRow = headerIndex + 1;
  const byLower = new Map(importColumns.map((c) => [c.toLowerCase(), c]));
  const columns: (ImportColumn | null)[] = [];
  const seen = new Set<ImportColumn>();
  for (const name of header) {
    if (name === '') {
      columns.push(null);
      continue;
    }
    const column = byLower.get(name.toLowerCase()) ?? null;
    if (!column) {
      problems.add({
        row: headerRow,
        path: name,
        code: 'unknown_column',
        params: { allowed: importColumns.join(', ') },
        message: `Unknown column "${name}"; use ${importColumns.join(', ')}.`,
      });
    } else if (seen.has(column)) {
      problems.add({
        row: headerRow,
        path: name,
        code: 'duplicate_column',
        params: {},
        message: `Column "${name}" appears twice.`,
      });
    } else seen.add(column);
    columns.push(column);
  }
  for (const required of requiredColumns) {
    if (!seen.has(required)) {
      problems.add({
        row: headerRow,
        path: required,
        code: 'missing_column',
        params: {},
        message: `Column "${required}" is required.`,
      });
    }
  }
  if (problems.count > 0) return { events: [], rows: [], errors: problems.list, errorCount: problems.count };

  const latest = now + FUTURE_TOLERANCE_MS;
  const kept: { event: ServiceEventInput; row: number }[] = [];
  const firstRow = new Map<string, number>();
  let eventRows = 0;
  for (let i = headerIndex + 1; i < table.length; i++) {
    const cells = table[i]!;
    const row = i + 1;
    const event: Record<string, unknown> = {};
    const rowIssues: ImportIssue[] = [];
    let anyValue = false;
    cells.forEach((cell, c) => {
      const column = columns[c];
      if (!column) {
        // A value under a column with no header would be silently lost: say so.
        if (cell !== null && cell !== undefined && String(cell).trim() !== '') {
          anyValue = true;
          rowIssues.push({
            row,
            path: null,
            code: 'unnamed_column',
            params: { position: c + 1 },
            message: `Column ${c + 1} has a value but no header.`,
          });
        }
        return;
      }
      const result = cellValue(column, cell);
      if (!result) return;
      anyValue = true;
      if ('value' in result) event[column] = result.value;
      else rowIssues.push({ row, path: column, ...result });
    });
    if (!anyValue) continue;
    eventRows++;
    if (eventRows > MAX_IMPORT_ROWS) {
      problems.add({
        row,
        path: null,
        code: 'too_many_rows',
        params: { maxRows: MAX_IMPORT_ROWS },
        message: `A file may hold at most ${MAX_IMPORT_ROWS} events; split it or use the API.`,
      });
      break;
    }
    // The id first: one used on an earlier row is named even if the row has other problems.
    const id = typeof event.externalId === 'string' ? event.externalId : null;
    const earlier = id === null ? undefined : firstRow.get(id);
    if (earlier !== undefined) {
      rowIssues.push({
        row,
        path: 'externalId',
        code: 'duplicate_id',
        params: { first: earlier },
        message: `externalId ${id} is also used on row ${earlier}.`,
      });
    } else if (id !== null) firstRow.set(id, row);
    // The API's rules on what the cells gave, leaving out columns already reported.
    const reported = new Set(rowIssues.map((p) => p.path));
    const checked = checkEvent(event, latest);
    if ('issues' in checked) {
      for (const issue of checked.issues)
        if (!reported.has(issue.path)) rowIssues.push(fromField(row, issue));
    }
    if (rowIssues.length > 0) for (const issue of rowIssues) problems.add(issue);
    else kept.push({ event: event as ServiceEventInput, row });
  }
  if (eventRows === 0) {
    problems.add({
      row: headerRow + 1,
      path: null,
      code: 'no_rows',
      params: {},
      message: 'The file has no events.',
    });
  }
  const ordered = [
    ...kept.filter((k) => k.event.type !== 'correction'),
    ...kept.filter((k) => k.event.type === 'correction'),
  ];
  return {
    events: ordered.map((o) => o.event),
    rows: ordered.map((o) => o.row),
    errors: problems.list,
    errorCount: problems.count,
  };
}
