import { type Database, partners, serviceEvents } from '@outpost/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { isUuid } from '../validation.ts';
import { MAX_EVENTS_PER_BATCH, type ServiceEventInput } from './event-schema.ts';
import { ingestEvents } from './ingest.ts';
import { importColumns, type ImportIssue, MAX_REPORTED_ROWS, type MappedImport } from './import-rows.ts';
import { checkImportFile, importFormatOf } from './import-table.ts';

export {
  beijingInstant,
  checkImportTable,
  type ImportColumn,
  type ImportIssue,
  type ImportIssueCode,
  type ImportRowError,
  importColumns,
  MAX_REPORTED_ROWS,
  type MappedImport,
} from './import-rows.ts';

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

/**
 * Corrections must name an event of this partner that is stored or in the file, is not a
 * correction itself and is not voided already — checked up front so a late batch cannot fail
 * after earlier ones were stored. (ingestEvents checks again, under its lock.)
 */
async function checkCorrections(
  db: Database,
  partnerId: string,
  mapped: MappedImport,
): Promise<ImportIssue[]> {
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
  const errors: ImportIssue[] = [];
  for (const c of corrections) {
    const type = stored.get(c.target) ?? inFile.get(c.target);
    const earlier = voided.get(c.target) ?? claimed.get(c.target);
    const issue = (code: ImportIssue['code'], message: string, params: Record<string, string> = {}) =>
      errors.push({
        row: c.row,
        path: 'correctsExternalId',
        code,
        params: { target: c.target, ...params },
        message,
      });
    if (!type) issue('unknown_target', `correctsExternalId ${c.target} names no event of this partner.`);
    else if (type === 'correction') issue('correction_of_correction', 'A correction cannot be corrected.');
    else if (earlier !== undefined && earlier !== c.id)
      issue('already_corrected', `Event ${c.target} was already corrected by ${earlier}.`, { by: earlier });
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
  errors: ImportIssue[];
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
  // Parsed, mapped and validated in a worker thread: only the result comes back to the event loop.
  const mapped = await checkImportFile(input.bytes, format, now);
  if (mapped.errorCount > 0) {
    return {
      partnerId: partner.id,
      events: [],
      batchSize: MAX_EVENTS_PER_BATCH,
      errors: mapped.errors,
      errorCount: mapped.errorCount,
    };
  }
  const errors = await checkCorrections(db, partner.id, mapped);
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
  errors: ImportIssue[];
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
