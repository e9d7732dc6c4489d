/**
 * Runs in a worker thread (import-table.ts starts it with a heap limit): reads the first
 * sheet of an XLSX whose archive the parent already bounded. Counts each worksheet's rows
 * on the raw XML first, so a sheet beyond the row limit is refused without building its
 * cells. Self-contained on purpose — Node loads it directly (types stripped), outside Vitest.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import { readSheet } from 'read-excel-file/node';

interface Job {
  bytes: Uint8Array;
  maxRows: number;
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

try {
  const rows = countRows();
  if (rows > job.maxRows) {
    parentPort!.postMessage({ ok: false, problem: 'too_many_rows', rows });
  } else {
    const table = await readSheet(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength));
    parentPort!.postMessage({ ok: true, table });
  }
} catch (error) {
  parentPort!.postMessage({
    ok: false,
    problem: 'unreadable',
    message: String((error as Error)?.message ?? error),
  });
}
