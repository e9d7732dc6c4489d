import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';

const inflateRawAsync = promisify(inflateRaw);

/** One entry of a ZIP's central directory, as the archive declares it. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Why an archive was refused; the caller turns it into an AppError of its kind. */
export type ZipProblem = 'malformed' | 'too_many_entries' | 'too_large' | 'unsafe';

export class ZipRefused extends Error {
  readonly problem: ZipProblem;
  constructor(problem: ZipProblem, message: string) {
    super(message);
    this.name = 'ZipRefused';
    this.problem = problem;
  }
}

export interface ZipLimits {
  maxEntries: number;
  /** Sum of every entry's uncompressed size. */
  maxTotalUncompressed: number;
  /**
   * Largest uncompressed/compressed ratio of an entry above 1 MiB. Office XML deflates
   * 5–30×; a bomb's filler, hundreds to thousands.
   */
  maxRatio?: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Reads the central directory (the table at the end of a ZIP) without inflating anything:
 * entry names and declared sizes, so a bomb is refused from its declarations in
 * microseconds. ZIP64, encrypted entries and methods other than stored/deflate are refused
 * (no DOCX/XLSX an office suite writes needs them). Declared sizes can lie: inflateEntry
 * caps the real output too.
 */
export function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefused('malformed', 'No ZIP end-of-central-directory record.');
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ZipRefused('unsafe', 'ZIP64 archives are not accepted.');
  }
  if (count > limits.maxEntries) {
    throw new ZipRefused(
      'too_many_entries',
      `The archive has ${count} entries (at most ${limits.maxEntries}).`,
    );
  }
  if (offset + size > eocd) throw new ZipRefused('malformed', 'The central directory lies outside the file.');
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) {
      throw new ZipRefused('malformed', 'Broken central directory entry.');
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localHeaderOffset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (flags & 0x1) throw new ZipRefused('unsafe', `Encrypted entry ${name}.`);
    if (method !== 0 && method !== 8)
      throw new ZipRefused('unsafe', `Entry ${name} uses compression method ${method}.`);
    if (
      compressedSize === 0xffffffff ||
      uncompressedSize === 0xffffffff ||
      localHeaderOffset === 0xffffffff
    ) {
      throw new ZipRefused('unsafe', 'ZIP64 archives are not accepted.');
    }
    if (localHeaderOffset + 30 + compressedSize > offset) {
      throw new ZipRefused('malformed', `Entry ${name} lies outside the file.`);
    }
    if (
      limits.maxRatio !== undefined &&
      uncompressedSize > 1024 * 1024 &&
      uncompressedSize > limits.maxRatio * Math.max(1, compressedSize)
    ) {
      throw new ZipRefused(
        'too_large',
        `Entry ${name} inflates ${Math.round(uncompressedSize / Math.max(1, compressedSize))}×.`,
      );
    }
    total += uncompressedSize;
    if (total > limits.maxTotalUncompressed) {
      throw new ZipRefused(
        'too_large',
        `Unpacked, the archive would exceed ${limits.maxTotalUncompressed} bytes.`,
      );
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's compressed bytes, located through its local header. */
export function entryDataStart(bytes: Uint8Array, entry: ZipEntry): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (view.getUint32(at, true) !== LOCAL)
    throw new ZipRefused('malformed', `No local header for ${entry.name}.`);
  return at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const start = entryDataStart(bytes, entry);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) throw new ZipRefused('malformed', `Entry ${entry.name} is truncated.`);
  return bytes.subarray(start, end);
}

/**
 * Inflates one entry, never beyond `maxBytes` of output nor beyond what it declared (zlib stops
 * at the cap, so a lying header costs at most the cap). Runs on libuv's thread pool, not the
 * event loop.
 */
export async function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  maxBytes: number,
): Promise<Uint8Array> {
  const data = entryData(bytes, entry);
  const cap = Math.min(maxBytes, entry.uncompressedSize);
  if (entry.method === 0) {
    if (data.byteLength > cap) throw new ZipRefused('too_large', `Entry ${entry.name} is too large.`);
    return data;
  }
  try {
    // Ask for one byte more than declared: getting it proves the declaration false.
    const out = await inflateRawAsync(data, { maxOutputLength: Math.max(1, cap + 1) });
    if (out.byteLength > cap)
      throw new ZipRefused('too_large', `Entry ${entry.name} inflates beyond its size.`);
    return out;
  } catch (error) {
    if (error instanceof ZipRefused) throw error;
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipRefused('too_large', `Entry ${entry.name} inflates beyond its size.`);
    }
    throw new ZipRefused('malformed', `Entry ${entry.name} does not inflate.`);
  }
}
