import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { checkOoxml, fileRefused } from '../uploads/judge-upload.ts';
import { entryDataStart, type ZipLimits } from '../uploads/zip.ts';

import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-limits.ts';
import type { ImportCell, MappedImport } from './import-rows.ts';

export type { ImportCell } from './import-rows.ts';
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-limits.ts';
export type ImportFormat = 'csv' | 'xlsx';

/**
 * What an import workbook may unpack to. 200,000 rows of 13 columns are ~100 MB of sheet
 * XML; a 205 KB "spreadsheet" declaring 200 MiB is a bomb, refused from its central directory.
 */
export const XLSX_IMPORT_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxTotalUncompressed: 160 * 1024 * 1024,
  maxRatio: 200,
};
/** The worker's heap: enough for the largest workbook the limits let through. */
const WORKER_HEAP_MB = 1024;
const WORKER_TIMEOUT_MS = 120_000;
/** Files checked at once per process; more wait their turn (each worker may use the heap above). */
const MAX_PARALLEL_READS = 2;

/** The file's format from its name (the browser's MIME type for CSV varies too much to trust). */
export function importFormatOf(fileName: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

export { decodeCsv, parseCsv } from './import-csv.ts';

/**
 * A whole import file read and checked off the event loop: the CSV, or the XLSX's first sheet
 * (its archive bounded first), is parsed in a worker thread, which also maps and validates
 * every row (checkImportTable) — the main thread receives only the checked events and the
 * problems. The worker has its own heap limit and a deadline, and exits afterwards.
 */
export async function checkImportFile(
  bytes: Uint8Array,
  format: ImportFormat,
  now = Date.now(),
): Promise<MappedImport> {
  const result = await readInWorker(bytes, format, { check: true, now });
  if (!('checked' in result)) throw new Error('the import worker sent no checked rows');
  return result.checked;
}

/**
 * The rows of an import file as read (CSV, or the XLSX's first sheet), with the same bounds and
 * off the event loop like checkImportFile, for imports that map their own columns (the roster).
 */
export async function readImportTable(bytes: Uint8Array, format: ImportFormat): Promise<ImportCell[][]> {
  const result = await readInWorker(bytes, format, { check: false, now: Date.now() });
  if (!('table' in result)) throw new Error('the import worker sent no table');
  return result.table;
}

async function readInWorker(
  bytes: Uint8Array,
  format: ImportFormat,
  options: { check: boolean; now: number },
): Promise<WorkerResult & { ok: true }> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new AppError('payload_too_large', `Import files may be at most ${MAX_IMPORT_BYTES} bytes.`, {
      messageKey: 'errors.import_too_large',
      details: { maxBytes: MAX_IMPORT_BYTES, fields: [{ path: 'file', message: 'Too large.' }] },
    });
  }
  const sheets = format === 'xlsx' ? await worksheetsOf(bytes) : [];
  const result = await withReadSlot(() =>
    runWorker({ bytes, format, maxRows: MAX_IMPORT_ROWS + 1, sheets, ...options }),
  );
  if (result.ok) return result;
  if (result.problem === 'bad_csv') {
    throw new AppError('validation_failed', 'The CSV file ends inside a quoted field; check its quotes.', {
      messageKey: 'errors.import_bad_csv',
      details: { fields: [{ path: 'file', message: 'Unbalanced quotes.' }] },
    });
  }
  if (result.problem === 'too_many_rows') {
    throw fileRefused(
      'errors.import_too_many_rows',
      `A file may hold at most ${MAX_IMPORT_ROWS} rows; split it or use the API.`,
      { maxRows: MAX_IMPORT_ROWS },
    );
  }
  if (result.problem === 'too_large') {
    throw new AppError('payload_too_large', 'The file is too large to read.', {
      messageKey: 'errors.import_too_large',
      details: { fields: [{ path: 'file', message: 'Too large to read.' }] },
    });
  }
  if (result.problem === 'failed') throw new Error(`Import check failed: ${result.message}`);
  throw unreadableXlsx(result.message);
}

const unreadableXlsx = (cause?: unknown) =>
  new AppError('validation_failed', 'The file could not be read as an XLSX workbook.', {
    messageKey: 'errors.import_bad_xlsx',
    details: { fields: [{ path: 'file', message: 'Not a readable .xlsx file.' }] },
    cause,
  });

let reading = 0;
const waiting: (() => void)[] = [];
async function withReadSlot<T>(work: () => Promise<T>): Promise<T> {
  while (reading >= MAX_PARALLEL_READS) await new Promise<void>((resolve) => waiting.push(resolve));
  reading++;
  try {
    return await work();
  } finally {
    reading--;
    waiting.shift()?.();
  }
}

interface SheetEntry {
  name: string;
  method: number;
  dataStart: number;
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * The worksheets of an XLSX whose archive is bounded first (entries, declared and real
 * unpacked size, inflation ratio — see checkOoxml), so the worker can count their rows on
 * the raw XML before a single cell is built.
 */
async function worksheetsOf(bytes: Uint8Array): Promise<SheetEntry[]> {
  let entries: Awaited<ReturnType<typeof checkOoxml>>;
  try {
    entries = await checkOoxml(bytes, 'xlsx', XLSX_IMPORT_LIMITS);
  } catch (error) {
    // A workbook that is merely damaged reads as "not an XLSX"; bombs and programs say so.
    if ((error as AppError).messageKey === 'errors.file_malformed') throw unreadableXlsx(error);
    throw error;
  }
  return entries
    .filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))
    .map((e) => ({
      name: e.name,
      method: e.method,
      dataStart: entryDataStart(bytes, e),
      compressedSize: e.compressedSize,
      uncompressedSize: e.uncompressedSize,
    }));
}

type WorkerResult =
  | { ok: true; checked: MappedImport }
  | { ok: true; table: ImportCell[][] }
  | {
      ok: false;
      problem: 'too_many_rows' | 'too_large' | 'unreadable' | 'bad_csv' | 'failed';
      message?: string;
    };

function runWorker(job: {
  bytes: Uint8Array;
  format: ImportFormat;
  maxRows: number;
  sheets: SheetEntry[];
  now: number;
  check: boolean;
}): Promise<WorkerResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), {
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 64 },
    });
    let settled = false;
    const finish = (result: WorkerResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, problem: 'too_large', message: 'timed out' }),
      WORKER_TIMEOUT_MS,
    );
    worker.on('message', (message: WorkerResult) => finish(message));
    worker.on('error', (error: Error & { code?: string }) =>
      finish({
        ok: false,
        problem: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too_large' : 'unreadable',
        message: error.message,
      }),
    );
    worker.on('exit', () => finish({ ok: false, problem: 'unreadable', message: 'worker exited' }));
  });
}
