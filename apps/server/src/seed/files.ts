import { crc32, deflateSync } from 'node:zlib';
import { renderPdf } from '@outpost/pdf';

/** The fixed creation date of demo PDFs, so the same document renders the same bytes every run. */
const CREATED = new Date('2026-01-01T00:00:00Z');

export interface CertificateText {
  title: string;
  holder: string;
  creditCode: string;
  issueDate?: string | undefined;
  expiryDate?: string | undefined;
}

/** A real one-page PDF standing in for a scanned certificate, made the way every PDF of the product is. */
export function certificatePdf(text: CertificateText): Promise<Uint8Array> {
  return renderPdf({
    title: text.title,
    language: 'zh-CN',
    createdAt: CREATED,
    footer: '演示数据',
    blocks: [
      { kind: 'title', text: text.title, align: 'center' },
      { kind: 'spacer', size: 12 },
      {
        kind: 'fields',
        rows: [
          { label: '持有单位', value: text.holder },
          { label: '统一社会信用代码', value: text.creditCode },
          { label: '签发日期', value: text.issueDate ?? '—' },
          { label: '有效期至', value: text.expiryDate ?? '长期有效' },
        ],
      },
      { kind: 'rule' },
      { kind: 'paragraph', text: '本文件为 Outpost 演示数据，不是真实证照。', muted: true },
    ],
  });
}

/**
 * A small PNG "scan" (a certificate-like card: border, title band, text lines), encoded
 * here with zlib so the demo needs no image library. Seeded by `variant` to differ per partner.
 */
export function scanPng(variant: number, width = 480, height = 320): Uint8Array {
  const accent = [
    [17, 75, 122],
    [140, 40, 40],
    [30, 110, 70],
  ][variant % 3]!;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0, then RGB
    for (let x = 0; x < width; x++) {
      const border = x < 8 || y < 8 || x >= width - 8 || y >= height - 8;
      const band = y >= 24 && y < 64 && x >= 24 && x < width - 24;
      const line = y >= 96 && (y - 96) % 28 < 8 && x >= 48 && x < width - 48 - ((y * 7 + variant * 13) % 120);
      const seal = (x - (width - 90)) ** 2 + (y - (height - 80)) ** 2 < 40 ** 2;
      const [r, g, b] = border || band || seal ? accent : line ? [150, 156, 165] : [252, 251, 247];
      row.set([r!, g!, b!], 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.concat(rows))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** A short report (a partner's rectification evidence): title, who wrote it, what was done. */
export function reportPdf(text: {
  title: string;
  holder: string;
  date: string;
  body: string;
}): Promise<Uint8Array> {
  return renderPdf({
    title: text.title,
    language: 'zh-CN',
    createdAt: CREATED,
    footer: '演示数据',
    blocks: [
      { kind: 'title', text: text.title },
      {
        kind: 'fields',
        rows: [
          { label: '提交单位', value: text.holder },
          { label: '日期', value: text.date },
        ],
      },
      { kind: 'rule' },
      { kind: 'paragraph', text: text.body },
    ],
  });
}
