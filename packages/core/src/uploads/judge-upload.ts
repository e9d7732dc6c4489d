import { crc32 } from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.ts';
import { inflateEntry, readCentralDirectory, type ZipEntry, type ZipLimits, ZipRefused } from './zip.ts';

/** The only file kinds accepted as uploads, decided by content, never by name. */
export const allowedFileTypes = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type AllowedExt = keyof typeof allowedFileTypes;

export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/**
 * What a stored Word/Excel document may unpack to. Real qualification documents (scans
 * pasted into Word, a few sheets) stay far below; a bomb declares or inflates beyond it.
 */
export const OOXML_DOCUMENT_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxTotalUncompressed: 100 * 1024 * 1024,
  maxRatio: 200,
};

const kindName: Record<AllowedExt, string> = {
  pdf: 'PDF',
  png: 'PNG',
  jpg: 'JPEG',
  docx: 'DOCX',
  xlsx: 'XLSX',
};

/** A refusal of the file's content: 422 under the `file` field, translated by messageKey. */
export function fileRefused(
  messageKey: string,
  message: string,
  details: Record<string, unknown> = {},
): AppError {
  return new AppError('validation_failed', message, {
    messageKey,
    details: { ...details, fields: [{ path: 'file', message }] },
  });
}

const malformed = (ext: AllowedExt, why: string) =>
  fileRefused('errors.file_malformed', `This is not a well-formed ${kindName[ext]} file: ${why}`, {
    type: kindName[ext],
  });

/**
 * Size, sniffed type, then the structure of that type — a file that only starts like an
 * accepted kind (a PDF with a ZIP appended, PNG magic followed by HTML, a DOCX carrying a
 * program or unpacking to gigabytes) is refused before anything is stored.
 */
export async function judgeUpload(
  bytes: Uint8Array,
  maxBytes: number,
): Promise<{ mime: string; ext: AllowedExt }> {
  if (bytes.byteLength === 0) {
    throw new AppError('validation_failed', 'The file is empty.', {
      messageKey: 'errors.file_empty',
      details: { fields: [{ path: 'file', message: 'The file is empty.' }] },
    });
  }
  if (bytes.byteLength > maxBytes) {
    throw new AppError(
      'payload_too_large',
      `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit.`,
      { messageKey: 'errors.file_too_large', details: { maxBytes, sizeBytes: bytes.byteLength } },
    );
  }
  const detected = await fileTypeFromBuffer(bytes);
  const ext = detected?.ext as AllowedExt | undefined;
  if (!ext || !(ext in allowedFileTypes)) {
    throw new AppError(
      'unsupported_media_type',
      'Only PDF, PNG, JPEG, Word (DOCX) and Excel (XLSX) files are accepted.',
      {
        messageKey: 'errors.file_type',
        details: { detected: detected?.mime ?? 'unknown', allowed: Object.keys(allowedFileTypes) },
      },
    );
  }
  if (ext === 'pdf') checkPdf(bytes);
  else if (ext === 'png') checkPng(bytes);
  else if (ext === 'jpg') checkJpeg(bytes);
  else await checkOoxml(bytes, ext, OOXML_DOCUMENT_LIMITS);
  return { mime: allowedFileTypes[ext], ext };
}

const isPadding = (b: number) =>
  b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
const latin1 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/**
 * PDF: the header at the start, a `startxref` offset that points inside the file at a
 * cross-reference table or stream, and nothing after the last `%%EOF` but whitespace (an
 * appended archive or page is how PDF polyglots are made). Incremental updates keep working:
 * only the last `%%EOF` counts.
 */
export function checkPdf(bytes: Uint8Array): void {
  const text = latin1(bytes);
  if (!/^%PDF-[12]\.\d/.test(text)) throw malformed('pdf', 'no %PDF-1.x header.');
  const eof = text.lastIndexOf('%%EOF');
  if (eof < 0) throw malformed('pdf', 'no %%EOF marker.');
  for (let i = eof + 5; i < bytes.byteLength; i++) {
    if (!isPadding(bytes[i]!)) {
      throw fileRefused(
        'errors.file_trailing_data',
        'The PDF has other data appended after its end (%%EOF).',
        { type: 'PDF' },
      );
    }
  }
  const tail = text.slice(Math.max(0, eof - 64), eof);
  const match = /startxref\s+(\d+)\s*$/.exec(tail);
  if (!match) throw malformed('pdf', 'no startxref before %%EOF.');
  const offset = Number(match[1]);
  if (offset <= 0 || offset >= eof) throw malformed('pdf', 'startxref points outside the file.');
  const at = text.slice(offset, offset + 32);
  if (!/^\s*(xref\b|\d+\s+\d+\s+obj\b)/.test(at))
    throw malformed('pdf', 'startxref points at no cross-reference.');
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Larger images than this are no scan a reviewer needs and a decompression bomb for viewers. */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** PNG: the signature, IHDR first, every chunk's CRC right, IEND last and nothing after it. */
export function checkPng(bytes: Uint8Array): void {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw malformed('png', 'no PNG signature.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 8;
  let first = true;
  let sawData = false;
  while (true) {
    if (p + 12 > bytes.byteLength) throw malformed('png', 'truncated chunk.');
    const length = view.getUint32(p);
    const type = latin1(bytes.subarray(p + 4, p + 8));
    if (!/^[A-Za-z]{4}$/.test(type) || p + 12 + length > bytes.byteLength) {
      throw malformed('png', 'broken chunk.');
    }
    const crc = view.getUint32(p + 8 + length);
    if (crc32(bytes.subarray(p + 4, p + 8 + length)) !== crc) throw malformed('png', `bad CRC in ${type}.`);
    if (first) {
      if (type !== 'IHDR' || length !== 13) throw malformed('png', 'IHDR is not the first chunk.');
      const width = view.getUint32(p + 8);
      const height = view.getUint32(p + 12);
      if (width === 0 || height === 0 || width * height > MAX_IMAGE_PIXELS) {
        throw malformed('png', 'image dimensions out of range.');
      }
      first = false;
    }
    if (type === 'IDAT') sawData = true;
    p += 12 + length;
    if (type === 'IEND') break;
  }
  if (!sawData) throw malformed('png', 'no image data.');
  if (p !== bytes.byteLength) {
    throw fileRefused('errors.file_trailing_data', 'The PNG has other data appended after its end (IEND).', {
      type: 'PNG',
    });
  }
}

/**
 * JPEG: SOI, marker segments with consistent lengths, a frame header, entropy-coded scans
 * (progressive files have several), EOI, and after it at most padding.
 */
export function checkJpeg(bytes: Uint8Array): void {
  const n = bytes.byteLength;
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw malformed('jpg', 'no SOI marker.');
  let p = 2;
  let sawFrame = false;
  let sawScan = false;
  for (;;) {
    if (p + 2 > n || bytes[p] !== 0xff) throw malformed('jpg', 'broken marker segment.');
    while (bytes[p + 1] === 0xff && p + 2 < n) p++; // fill bytes
    const marker = bytes[p + 1]!;
    p += 2;
    if (marker === 0xd9) break; // EOI
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (p + 2 > n) throw malformed('jpg', 'truncated segment.');
    const length = (bytes[p]! << 8) | bytes[p + 1]!;
    if (length < 2 || p + length > n) throw malformed('jpg', 'segment length out of range.');
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      sawFrame = true;
    }
    p += length;
    if (marker === 0xda) {
      if (!sawFrame) throw malformed('jpg', 'scan before frame header.');
      sawScan = true;
      // Entropy-coded data runs to the next marker that is not a stuffed 0x00 or a restart.
      while (p < n - 1) {
        if (bytes[p] === 0xff) {
          const next = bytes[p + 1]!;
          if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
            p += next === 0xff ? 1 : 2;
            continue;
          }
          break;
        }
        p++;
      }
      if (p >= n - 1) throw malformed('jpg', 'no EOI marker.');
    }
  }
  if (!sawScan) throw malformed('jpg', 'no image data.');
  for (let i = p; i < n; i++) {
    if (!isPadding(bytes[i]!)) {
      throw fileRefused(
        'errors.file_trailing_data',
        'The JPEG has other data appended after its end (EOI).',
        {
          type: 'JPEG',
        },
      );
    }
  }
}

/** Parts an office suite writes in a plain (macro-free) DOCX/XLSX. */
const OOXML_ROOTS = ['[Content_Types].xml', '_rels/', 'docProps/', 'customXml/'];
const OOXML_MAIN: Record<'docx' | 'xlsx', { root: string; main: string }> = {
  docx: { root: 'word/', main: 'word/document.xml' },
  xlsx: { root: 'xl/', main: 'xl/workbook.xml' },
};
/** Programs, scripts, macros and opaque OLE blobs: nothing a reviewer's document needs. */
const UNSAFE_ENTRY =
  /\.(exe|dll|com|scr|bat|cmd|ps1|vbs|vbe|js|jse|wsf|hta|msi|jar|sh|app|bin|lnk|cpl|docm|xlsm|pptm)$/i;
/** Excel and Word store the printer's DEVMODE as .bin: data, not code. */
const PRINTER_SETTINGS = /^(word|xl)\/printerSettings\/printerSettings\d+\.bin$/;
const PROGRAM_MAGIC = [
  [0x4d, 0x5a], // MZ: Windows PE
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O
  [0xd0, 0xcf, 0x11, 0xe0], // OLE compound file (macros, embedded objects)
];

const unsafe = (ext: AllowedExt, why: string) =>
  fileRefused('errors.file_archive_unsafe', `The ${kindName[ext]} file contains ${why}.`, {
    type: kindName[ext],
  });

/** A refusal from the ZIP reader as the upload error of its kind. */
export function zipRefusal(error: ZipRefused, ext: AllowedExt, limits: ZipLimits): AppError {
  if (error.problem === 'too_large' || error.problem === 'too_many_entries') {
    return fileRefused('errors.file_inflates_too_large', error.message, {
      type: kindName[ext],
      maxMb: Math.round(limits.maxTotalUncompressed / 1024 / 1024),
      maxEntries: limits.maxEntries,
    });
  }
  if (error.problem === 'unsafe') return unsafe(ext, error.message);
  return malformed(ext, error.message);
}

/**
 * OOXML (DOCX, XLSX): the central directory bounded in entries and declared size, the
 * expected parts present, no entry outside the parts an office suite writes, no program or
 * macro by name or by content — and every entry actually inflated (on the thread pool,
 * capped at its declared size), so a lying header cannot smuggle a bomb past the sums.
 */
export async function checkOoxml(
  bytes: Uint8Array,
  ext: 'docx' | 'xlsx',
  limits: ZipLimits,
): Promise<ZipEntry[]> {
  try {
    const entries = readCentralDirectory(bytes, limits);
    const { root, main } = OOXML_MAIN[ext];
    const names = new Set(entries.map((e) => e.name));
    if (!names.has('[Content_Types].xml') || !names.has(main)) {
      throw malformed(ext, `[Content_Types].xml or ${main} is missing.`);
    }
    for (const entry of entries) {
      const name = entry.name;
      if (
        name.includes('\\') ||
        name.startsWith('/') ||
        name.split('/').includes('..') ||
        [...name].some((ch) => ch.charCodeAt(0) < 0x20)
      ) {
        throw unsafe(ext, `an entry with an unsafe path (${JSON.stringify(name)})`);
      }
      if (!name.startsWith(root) && !OOXML_ROOTS.some((r) => name === r || name.startsWith(r))) {
        throw unsafe(ext, `an unexpected entry (${name})`);
      }
      if (UNSAFE_ENTRY.test(name) && !PRINTER_SETTINGS.test(name))
        throw unsafe(ext, `a program, macro or embedded object (${name})`);
    }
    let total = 0;
    for (const entry of entries) {
      const data = await inflateEntry(bytes, entry, limits.maxTotalUncompressed - total);
      total += data.byteLength;
      if (PROGRAM_MAGIC.some((magic) => magic.every((b, i) => data[i] === b))) {
        throw unsafe(ext, `a program or embedded object (${entry.name})`);
      }
    }
    return entries;
  } catch (error) {
    if (error instanceof ZipRefused) throw zipRefusal(error, ext, limits);
    throw error;
  }
}
