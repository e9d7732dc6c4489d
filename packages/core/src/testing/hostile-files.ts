import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * Hostile uploads built in the test, byte by byte (a small ZIP writer on node:zlib): bombs
 * that declare or hide gigabytes, polyglots, OOXML carrying programs. Core's unit tests and
 * the hostility suite (test/hostility) share them.
 */
export interface ZipPart {
  name: string;
  /** Stored deflated. */
  data?: Uint8Array | string;
  /** Already deflated (a bomb): raw deflate bytes, the real size and CRC. */
  deflated?: { bytes: Uint8Array; size: number; crc: number };
  /** What the headers claim the uncompressed size is (a lie, if it differs). */
  declaredSize?: number;
}

export function zipFile(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    let body: { bytes: Uint8Array; size: number; crc: number };
    if (part.deflated) body = part.deflated;
    else {
      const raw =
        typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : Buffer.from(part.data ?? []);
      body = { bytes: deflateRawSync(raw), size: raw.byteLength, crc: crc32(raw) };
    }
    const size = part.declaredSize ?? body.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.crc >>> 0, 14);
    local.writeUInt32LE(body.bytes.byteLength, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.crc >>> 0, 16);
    central.writeUInt32LE(body.bytes.byteLength, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(body.bytes));
    centrals.push(central, name);
    offset += 30 + name.byteLength + body.bytes.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** `size` bytes of `fill` deflated as a stream (never held whole in memory): a bomb's payload. */
export async function deflatedFiller(
  size: number,
  fill = 0x20,
): Promise<{ bytes: Uint8Array; size: number; crc: number }> {
  const chunk = Buffer.alloc(Math.min(size, 1024 * 1024), fill);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  for (let written = 0; written < size; written += chunk.byteLength) {
    const piece = chunk.subarray(0, Math.min(chunk.byteLength, size - written));
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { bytes: new Uint8Array(Buffer.concat(out)), size, crc };
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="${main}"/></Types>`;

const rels = (target: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;

/** A plain DOCX (one paragraph), with extra parts appended. */
export function docxFile(extra: ZipPart[] = []): Uint8Array {
  return zipFile([
    {
      name: '[Content_Types].xml',
      data: contentTypes(
        '/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      ),
    },
    { name: '_rels/.rels', data: rels('word/document.xml') },
    {
      name: 'word/document.xml',
      data: '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>营业执照</w:t></w:r></w:p></w:body></w:document>',
    },
    ...extra,
  ]);
}

/** An XLSX whose first sheet holds `rows` (inline strings), with extra parts appended. */
export function xlsxFile(rows: (string | number)[][], extra: ZipPart[] = [], sheet?: ZipPart): Uint8Array {
  const cell = (v: string | number, ref: string) =>
    typeof v === 'number'
      ? `<c r="${ref}"><v>${v}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
  const sheetXml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
    .map(
      (r, i) =>
        `<row r="${i + 1}">${r.map((v, c) => cell(v, `${String.fromCharCode(65 + c)}${i + 1}`)).join('')}</row>`,
    )
    .join('')}</sheetData></worksheet>`;
  return zipFile([
    {
      name: '[Content_Types].xml',
      data: contentTypes(
        '/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
      ),
    },
    { name: '_rels/.rels', data: rels('xl/workbook.xml') },
    {
      name: 'xl/workbook.xml',
      data: '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    sheet ?? { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
    ...extra,
  ]);
}

/** A DOCX whose one extra part inflates to `size` bytes; `honest` headers declare it, otherwise they claim 1 KB. */
export async function docxBomb(size: number, honest = true): Promise<Uint8Array> {
  const filler = await deflatedFiller(size);
  return docxFile([{ name: 'word/media/filler.xml', deflated: filler, declaredSize: honest ? size : 1024 }]);
}

/** An XLSX whose sheet inflates to `size` bytes (rows of one repeated cell, the way the probe built it). */
export async function xlsxBomb(size: number, honest = true): Promise<Uint8Array> {
  const filler = await deflatedFiller(size);
  return xlsxFile([], [], {
    name: 'xl/worksheets/sheet1.xml',
    deflated: filler,
    declaredSize: honest ? size : 1024,
  });
}

/** The smallest well-formed PDF (header, objects, xref, startxref, %%EOF). */
export const minimalPdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n',
);

/** A PDF with a ZIP (holding a "program") appended after %%EOF: opens as either. */
export function pdfWithZipAppended(): Uint8Array {
  const zip = zipFile([
    { name: 'payload.exe', data: 'MZ\u0090\u0000 this program cannot be run in DOS mode' },
  ]);
  return new Uint8Array(Buffer.concat([minimalPdf, zip]));
}

/**
 * The PNG signature and a genuine IHDR chunk, then an HTML page: sniffed as PNG, rendered as
 * HTML by a careless viewer.
 */
export function pngMagicThenHtml(): Uint8Array {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(1, 8); // width
  ihdr.writeUInt32BE(1, 12); // height
  ihdr.set([8, 2, 0, 0, 0], 16); // 8-bit RGB
  ihdr.writeUInt32BE(crc32(ihdr.subarray(4, 21)) >>> 0, 21);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      ihdr,
      Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>'),
    ]),
  );
}

/** A DOCX carrying a Windows program as an embedded part. */
export function docxWithExecutable(name = 'word/embeddings/setup.exe'): Uint8Array {
  return docxFile([{ name, data: Buffer.from('MZ\u0090\u0000\u0003\u0000\u0000\u0000 PE program') }]);
}
