import { type Database, partners, serviceEvents } from '@outpost/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { AppError, isAppError, notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid } from '../validation.ts';
import { MAX_EVENTS_PER_BATCH, type ServiceEventInput } from './event-schema.ts';
import { ingestEvents } from './ingest.ts';
import { type ImportCell, importFormatOf, MAX_IMPORT_ROWS, readImportTable } from './import-table.ts';
import { type BadEvent, validateBatch } from './validate-batch.ts';

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

/** Rows reported back; enough to fix a file, small enough for a page. */
const MAX_REPORTED_ROWS = 500;

export type ImportProblem =
  | 'unknown_column'
  | 'missing_column'
  | 'duplicate_column'
  | 'no_rows'
  | 'too_many_rows'
  | 'not_a_number'
  | 'not_a_boolean'
  | 'duplicate_id'
  | 'bad_correction'
  | 'invalid';

/** One problem in a file: the spreadsheet row (the header is row 1) and column, and why. */
export interface ImportRowError {
  row: number;
  column: string | null;
  problem: ImportProblem;
  /** English, for logs and API clients; the portal translates `problem` where it has words for it. */
  reason: string;
}

/** A template that documents the columns by example; the portal offers it for download. */
export const importTemplateCsv = [
  importColumns.join(','),
  'ORD-1001,case_opened,2026-07-01T09:00:00+08:00,CASE-1,2026-07-03T18:00:00+08:00,,,,,,,,',
  'ORD-1002,case_closed,2026-07-02T16:30:00+08:00,CASE-1,2026-07-03T18:00:00+08:00,,,,12000.50,,,,',
  'ORD-1003,customer_rating,2026-07-02T17:00:00+08:00,CASE-1,,5,,,,,,,',
  'ORD-1004,compliance_check,2026-07-02T17:05:00+08:00,CASE-1,,,true,双录质检,,,,,',
  'ORD-1005,loss,2026-07-04T10:00:00+08:00,CASE-1,,,,,300,理算差错,,,',
  'ORD-1006,complaint,2026-07-05T11:00:00+08:00,CASE-1,,,,,,,服务态度,,',
  'ORD-1007,correction,2026-07-06T09:00:00+08:00,,,,,,,,,ORD-1005,金额录入错误',
  '',
].join('\r\n');

const pad = (n: number) => String(n).padStart(2, '0');
/**
 * A spreadsheet date cell has no time zone; it is read as China Standard Time, the
 * insurer's business day (read-excel-file returns it as that wall-clock time in UTC).
 */
const cstInstant = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}+08:00`;

const truthy = new Set(['true', '1', 'yes', 'y', '是', '通过', 'pass', 'passed']);
const falsy = new Set(['false', '0', 'no', 'n', '否', '不通过', 'fail', 'failed']);

type CellResult = { value: unknown } | { problem: ImportProblem; reason: string };

function cellValue(column: ImportColumn, cell: ImportCell): CellResult | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'string' && cell.trim() === '') return null;
  if (column === 'passed') {
    if (typeof cell === 'boolean') return { value: cell };
    const text = String(cell).trim().toLowerCase();
    if (truthy.has(text)) return { value: true };
    if (falsy.has(text)) return { value: false };
    return { problem: 'not_a_boolean', reason: `passed: write true or false, not "${String(cell)}".` };
  }
  if (numberColumns.has(column)) {
    if (typeof cell === 'number') return { value: cell };
    const text = String(cell).trim().replace(/,/g, '');
    const n = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isFinite(n)) return { value: n };
    return { problem: 'not_a_number', reason: `${column}: "${String(cell)}" is not a number.` };
  }
  if (instantColumns.has(column) && cell instanceof Date) return { value: cstInstant(cell) };
  return { value: cell instanceof Date ? cstInstant(cell) : String(cell).trim() };
}

export interface MappedImport {
  events: ServiceEventInput[];
  /** The spreadsheet row of each event (same order). */
  rows: number[];
  errors: ImportRowError[];
}

/**
 * Turns a table (header row first) into wire events, checking the header and each cell's
 * type. Rows with no value at all are skipped (spreadsheets often end in blank rows).
 */
export function mapImportTable(table: ImportCell[][]): MappedImport {
  const errors: ImportRowError[] = [];
  const headerIndex = table.findIndex((r) => r.some((c) => c !== null && String(c).trim() !== ''));
  if (headerIndex < 0) {
    return {
      events: [],
      rows: [],
      errors: [{ row: 1, column: null, problem: 'no_rows', reason: 'The file is empty.' }],
    };
  }
  const header = table[headerIndex]!.map((c) => (c === null ? '' : String(c).trim()));
  const headerRow = headerIndex + 1;
  const byLower = new Map(importColumns.map((c) => [c.toLowerCase(), c]));
  const columns: (ImportColumn | null)[] = [];
  const seen = new Set<ImportColumn>();
  header.forEach((name) => {
    if (name === '') {
      columns.push(null);
      return;
    }
    const column = byLower.get(name.toLowerCase()) ?? null;
    if (!column) {
      errors.push({
        row: headerRow,
        column: name,
        problem: 'unknown_column',
        reason: `Unknown column "${name}"; use ${importColumns.join(', ')}.`,
      });
    } else if (seen.has(column)) {
      errors.push({
        row: headerRow,
        column: name,
        problem: 'duplicate_column',
        reason: `Column "${name}" appears twice.`,
      });
    } else seen.add(column);
    columns.push(column);
  });
  for (const required of requiredColumns) {
    if (!seen.has(required)) {
      errors.push({
        row: headerRow,
        column: required,
        problem: 'missing_column',
        reason: `Column "${required}" is required.`,
      });
    }
  }
  if (errors.length > 0) return { events: [], rows: [], errors };

  const events: ServiceEventInput[] = [];
  const rows: number[] = [];
  for (let i = headerIndex + 1; i < table.length; i++) {
    const cells = table[i]!;
    const row = i + 1;
    const event: Record<string, unknown> = {};
    let rowOk = true;
    let anyValue = false;
    cells.forEach((cell, c) => {
      const column = columns[c];
      const result = column ? cellValue(column, cell) : null;
      if (!column || !result) {
        // A value under a column with no header would be silently lost: say so.
        if (!column && cell !== null && String(cell).trim() !== '') {
          anyValue = true;
          rowOk = false;
          errors.push({
            row,
            column: null,
            problem: 'unknown_column',
            reason: `Column ${c + 1} has a value but no header.`,
          });
        }
        return;
      }
      anyValue = true;
      if ('problem' in result) {
        rowOk = false;
        errors.push({ row, column, problem: result.problem, reason: result.reason });
      } else event[column] = result.value;
    });
    if (!anyValue) continue;
    if (rowOk) {
      events.push(event as ServiceEventInput);
      rows.push(row);
    }
  }
  if (events.length + errors.length === 0) {
    errors.push({ row: headerRow + 1, column: null, problem: 'no_rows', reason: 'The file has no events.' });
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    errors.push({
      row: rows[MAX_IMPORT_ROWS]!,
      column: null,
      problem: 'too_many_rows',
      reason: `A file may hold at most ${MAX_IMPORT_ROWS} events; split it or use the API.`,
    });
  }
  return { events, rows, errors };
}

/** The column a validation reason is about ("rating: Too big…" → rating). */
function columnOf(reason: string): string | null {
  const field = /^([A-Za-z]+)[.:]/.exec(reason)?.[1];
  if (field && (importColumns as readonly string[]).includes(field)) return field;
  if (reason.startsWith('occurredAt ')) return 'occurredAt';
  if (reason.startsWith('A correction')) return 'correctsExternalId';
  return null;
}

/**
 * Every row checked with the API's own rules (validateBatch, in batches of the API's size,
 * at the same moment), plus what only a whole file can show: an id used on two rows.
 * Corrections are moved after the events they may correct, so batches store in a safe order.
 */
export function validateImport(mapped: MappedImport, now = Date.now()): MappedImport {
  const errors = [...mapped.errors];
  const firstRow = new Map<string, number>();
  const kept: { event: ServiceEventInput; row: number }[] = [];
  mapped.events.forEach((event, i) => {
    const row = mapped.rows[i]!;
    const id = typeof event.externalId === 'string' ? event.externalId : null;
    const earlier = id === null ? undefined : firstRow.get(id);
    if (earlier !== undefined) {
      errors.push({
        row,
        column: 'externalId',
        problem: 'duplicate_id',
        reason: `externalId ${id} is also used on row ${earlier}.`,
      });
      return;
    }
    if (id !== null) firstRow.set(id, row);
    kept.push({ event, row });
  });
  const ordered = [
    ...kept.filter((k) => k.event.type !== 'correction'),
    ...kept.filter((k) => k.event.type === 'correction'),
  ];
  for (let start = 0; start < ordered.length; start += MAX_EVENTS_PER_BATCH) {
    const chunk = ordered.slice(start, start + MAX_EVENTS_PER_BATCH);
    try {
      validateBatch(
        chunk.map((c) => c.event),
        now,
      );
    } catch (error) {
      const bad = isAppError(error) ? (error.details?.events as BadEvent[] | undefined) : undefined;
      if (!bad) throw error;
      for (const b of bad) {
        errors.push({
          row: chunk[b.index]!.row,
          column: columnOf(b.reason),
          problem: 'invalid',
          reason: b.reason,
        });
      }
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { events: ordered.map((o) => o.event), rows: ordered.map((o) => o.row), errors };
}

/**
 * Corrections must name an event of this partner that is stored or in the file, is not a
 * correction itself and is not voided already — checked up front so a late batch cannot fail
 * after earlier ones were stored. (ingestEvents checks again, under its lock.)
 */
async function checkCorrections(
  db: Database,
  partnerId: string,
  mapped: MappedImport,
): Promise<ImportRowError[]> {
  const corrections = mapped.events.flatMap((e, i) =>
    e.type === 'correction' ? [{ id: e.externalId, target: e.correctsExternalId, row: mapped.rows[i]! }] : [],
  );
  if (corrections.length === 0) return [];
  const targets = [...new Set(corrections.map((c) => c.target))];
  const inFile = new Map(mapped.events.map((e) => [e.externalId, e.type]));
  const stored = new Map<string, string>();
  const voided = new Map<string, string>();
  for (let i = 0; i < targets.length; i += 5000) {
    const slice = targets.slice(i, i + 5000);
    const [found, voiding] = await Promise.all([
      db
        .select({ externalId: serviceEvents.externalId, type: serviceEvents.type })
        .from(serviceEvents)
        .where(and(eq(serviceEvents.partnerId, partnerId), inArray(serviceEvents.externalId, slice))),
      db
        .select({ externalId: serviceEvents.externalId, corrects: serviceEvents.corrects })
        .from(serviceEvents)
        .where(and(eq(serviceEvents.partnerId, partnerId), inArray(serviceEvents.corrects, slice))),
    ]);
    for (const f of found) stored.set(f.externalId, f.type);
    for (const v of voiding) voided.set(v.corrects!, v.externalId);
  }
  const claimed = new Map<string, string>();
  const errors: ImportRowError[] = [];
  for (const c of corrections) {
    const type = stored.get(c.target) ?? inFile.get(c.target);
    const earlier = voided.get(c.target) ?? claimed.get(c.target);
    let reason: string | undefined;
    if (!type) reason = `correctsExternalId ${c.target} names no event of this partner.`;
    else if (type === 'correction') reason = 'A correction cannot be corrected.';
    else if (earlier !== undefined && earlier !== c.id)
      reason = `Event ${c.target} was already corrected by ${earlier}.`;
    if (reason) errors.push({ row: c.row, column: 'correctsExternalId', problem: 'bad_correction', reason });
    else claimed.set(c.target, c.id);
  }
  return errors;
}

export interface PreparedImport {
  partnerId: string;
  /** Events in the order to send them (corrections last), ready for POST /api/v1/events. */
  events: ServiceEventInput[];
  /** Batches of at most 5,000 events, as the API takes them. */
  batchSize: number;
  errors: ImportRowError[];
  /** All errors counted; `errors` holds the first 500. */
  errorCount: number;
}

export interface ImportFileInput {
  partnerId: string;
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Reads and checks a whole CSV/XLSX file of events for one partner without storing anything
 * (a dry run): the events to send, or every bad row with its column and reason.
 */
export async function prepareEventImport(
  db: Database,
  actor: Actor,
  input: ImportFileInput,
  now = Date.now(),
): Promise<PreparedImport> {
  assertCan(actor, 'ingest:events:any');
  if (!isUuid(input.partnerId)) throw notFound('Partner');
  const [partner] = await db
    .select({ id: partners.id })
    .from(partners)
    .where(eq(partners.id, input.partnerId));
  if (!partner) throw notFound('Partner');
  const format = importFormatOf(input.fileName);
  if (!format) {
    throw new AppError('unsupported_media_type', 'Upload a .csv or .xlsx file.', {
      messageKey: 'errors.import_format',
      details: { fields: [{ path: 'file', message: 'Use .csv or .xlsx.' }] },
    });
  }
  const mapped = validateImport(mapImportTable(await readImportTable(input.bytes, format)), now);
  const errors = mapped.errors.length > 0 ? mapped.errors : await checkCorrections(db, partner.id, mapped);
  return {
    partnerId: partner.id,
    events: errors.length > 0 ? [] : mapped.events,
    batchSize: MAX_EVENTS_PER_BATCH,
    errors: errors.slice(0, MAX_REPORTED_ROWS),
    errorCount: errors.length,
  };
}

export interface ImportResult {
  stored: boolean;
  rows: number;
  accepted: number;
  duplicates: number;
  errors: ImportRowError[];
  errorCount: number;
}

/**
 * Checks the whole file, then — only if every row is good — stores it in batches of
 * 5,000 through ingestEvents (idempotent by external id, so re-importing a file, or
 * resuming after a failed batch, never counts an event twice). `onBatch` reports progress.
 */
export async function importEventFile(
  db: Database,
  actor: Actor,
  input: ImportFileInput,
  options: { now?: number; onBatch?: (done: number, total: number) => void } = {},
): Promise<ImportResult> {
  const prepared = await prepareEventImport(db, actor, input, options.now);
  if (prepared.errorCount > 0) {
    return {
      stored: false,
      rows: 0,
      accepted: 0,
      duplicates: 0,
      errors: prepared.errors,
      errorCount: prepared.errorCount,
    };
  }
  let accepted = 0;
  let duplicates = 0;
  const total = prepared.events.length;
  for (let start = 0; start < total; start += prepared.batchSize) {
    const batch = prepared.events.slice(start, start + prepared.batchSize);
    const result = await ingestEvents(
      db,
      actor,
      { partnerId: prepared.partnerId, events: batch },
      options.now,
    );
    accepted += result.accepted;
    duplicates += result.duplicates;
    options.onBatch?.(Math.min(total, start + batch.length), total);
  }
  return { stored: true, rows: total, accepted, duplicates, errors: [], errorCount: 0 };
}
