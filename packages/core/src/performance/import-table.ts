import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { checkOoxml, fileRefused } from '../uploads/judge-upload.ts';
import { entryDataStart, type ZipLimits } from '../uploads/zip.ts';

/** One cell as a spreadsheet gives it: text from CSV; text, number, boolean or date from XLSX. */
export type ImportCell = string | number | boolean | Date | null;
export type ImportFormat = 'csv' | 'xlsx';

/** Large enough for a quarter of a busy partner's events; beyond it, partners should use the API. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** One file holds at most this many rows; bigger feeds belong on the API. */
export const MAX_IMPORT_ROWS = 200_000;

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
/** Workbooks read at once per process; more wait their turn (each worker may use the heap above). */
const MAX_PARALLEL_READS = 2;

/** The file's format from its name (the browser's MIME type for CSV varies too much to trust). */
export function importFormatOf(fileName: string): ImportFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

/**
 * RFC 4180 CSV (quoted fields, "" escapes, CRLF or LF, a comma inside quotes).
 * Written here rather than taking papaparse: ~40 lines, no streaming or type guessing needed,
 * and every cell stays text so the row mapping decides types in one place.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) {
    throw new AppError('validation_failed', 'The CSV file ends inside a quoted field; check its quotes.', {
      messageKey: 'errors.import_bad_csv',
      details: { fields: [{ path: 'file', message: 'Unbalanced quotes.' }] },
    });
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * CSV bytes as text: UTF-8 (with or without BOM), else GB18030 — what Excel on a
 * Chinese-language Windows writes when it saves "CSV" — so such files import as they are.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The first sheet of an XLSX file, or the CSV, as rows of cells. */
export async function readImportTable(bytes: Uint8Array, format: ImportFormat): Promise<ImportCell[][]> {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new AppError('payload_too_large', `Import files may be at most ${MAX_IMPORT_BYTES} bytes.`, {
      messageKey: 'errors.import_too_large',
      details: { maxBytes: MAX_IMPORT_BYTES, fields: [{ path: 'file', message: 'Too large.' }] },
    });
  }
  if (format === 'csv') return parseCsv(decodeCsv(bytes));
  return readXlsx(bytes);
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

/**
 * An XLSX's first sheet, never on the event loop: the archive is bounded first (entries,
 * declared and real unpacked size, inflation ratio — see checkOoxml), then the rows are
 * counted and the sheet parsed in a worker thread with its own heap limit and a deadline.
 * The worker exits afterwards, so its memory goes with it.
 */
export async function readXlsx(bytes: Uint8Array): Promise<ImportCell[][]> {
  let entries: Awaited<ReturnType<typeof checkOoxml>>;
  try {
    entries = await checkOoxml(bytes, 'xlsx', XLSX_IMPORT_LIMITS);
  } catch (error) {
    // A workbook that is merely damaged reads as "not an XLSX"; bombs and programs say so.
    if ((error as AppError).messageKey === 'errors.file_malformed') throw unreadableXlsx(error);
    throw error;
  }
  const sheets = entries
    .filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))
    .map((e) => ({
      name: e.name,
      method: e.method,
      dataStart: entryDataStart(bytes, e),
      compressedSize: e.compressedSize,
      uncompressedSize: e.uncompressedSize,
    }));
  const result = await withReadSlot(() => runWorker({ bytes, maxRows: MAX_IMPORT_ROWS + 1, sheets }));
  if (result.ok) return result.table;
  if (result.problem === 'too_many_rows') {
    throw fileRefused(
      'errors.import_too_many_rows',
      `A file may hold at most ${MAX_IMPORT_ROWS} rows; split it or use the API.`,
      { maxRows: MAX_IMPORT_ROWS },
    );
  }
  if (result.problem === 'too_large') {
    throw new AppError('payload_too_large', 'The workbook is too large to read.', {
      messageKey: 'errors.import_too_large',
      details: { fields: [{ path: 'file', message: 'Too large to read.' }] },
    });
  }
  throw unreadableXlsx(result.message);
}

type WorkerResult =
  | { ok: true; table: ImportCell[][] }
  | { ok: false; problem: 'too_many_rows' | 'too_large' | 'unreadable'; message?: string };

function runWorker(job: {
  bytes: Uint8Array;
  maxRows: number;
  sheets: {
    name: string;
    method: number;
    dataStart: number;
    compressedSize: number;
    uncompressedSize: number;
  }[];
}): Promise<WorkerResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./xlsx-worker.ts', import.meta.url), {
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
