/**
 * Runs in a worker thread (import-table.ts starts it with a heap limit and a deadline): reads
 * an import file — CSV, or the first sheet of an XLSX whose archive the parent already bounded —
 * and maps and validates every row (checkImportTable), so the event loop only receives the
 * checked events and the problems. For XLSX, each worksheet's rows are counted on the raw XML
 * first, so a sheet beyond the row limit is refused without building its cells. Node loads this
 * directly (types stripped), outside Vitest: it and what it imports must stay strip-only TypeScript.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import { readSheet } from 'read-excel-file/node';
import { decodeCsv, parseCsv } from './import-csv.ts';
import { checkImportTable, type ImportCell } from './import-rows.ts';

interface Job {
  bytes: Uint8Array;
  format: 'csv' | 'xlsx';
  maxRows: number;
  /** The moment the rows are checked at (the future tolerance is measured from it). */
  now: number;
  /** False: send back the table as read (the roster import maps its own columns). */
  check: boolean;
  /** Central-directory entries of the worksheets: where their data is and how big it says it is. */
  sheets: {
    name: string;
    method: number;
    dataStart: number;
    compressedSize: number;
    uncompressedSize: number;
  }[];
}

const job = workerData as Job;

function countRows(): number {
  let most = 0;
  for (const sheet of job.sheets) {
    const data = job.bytes.subarray(sheet.dataStart, sheet.dataStart + sheet.compressedSize);
    const xml =
      sheet.method === 0
        ? data
        : inflateRawSync(data, { maxOutputLength: Math.max(1, sheet.uncompressedSize) });
    const text = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString('latin1');
    const rows = text.match(/<(\w+:)?row[\s>]/g)?.length ?? 0;
    most = Math.max(most, rows);
  }
  return most;
}

async function readTable(): Promise<ImportCell[][] | null> {
  if (job.format === 'csv') {
    try {
      return parseCsv(decodeCsv(job.bytes));
    } catch (error) {
      if ((error as { messageKey?: string }).messageKey === 'errors.import_bad_csv') {
        parentPort!.postMessage({ ok: false, problem: 'bad_csv' });
        return null;
      }
      throw error;
    }
  }
  const rows = countRows();
  if (rows > job.maxRows) {
    parentPort!.postMessage({ ok: false, problem: 'too_many_rows', rows });
    return null;
  }
  try {
    return (await readSheet(
      Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength),
    )) as ImportCell[][];
  } catch (error) {
    parentPort!.postMessage({
      ok: false,
      problem: 'unreadable',
      message: String((error as Error)?.message ?? error),
    });
    return null;
  }
}

try {
  const table = await readTable();
  if (table)
    parentPort!.postMessage(
      job.check ? { ok: true, checked: checkImportTable(table, job.now) } : { ok: true, table },
    );
} catch (error) {
  parentPort!.postMessage({
    ok: false,
    problem: 'failed',
    message: String((error as Error)?.stack ?? error),
  });
}
