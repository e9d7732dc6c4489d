import PDFDocument from 'pdfkit';
import { fontPaths } from './fonts.ts';
import { drawChart } from './chart.ts';
import type { PdfBlock, PdfSpec } from './spec.ts';

const MARGIN = 56; // ~2 cm
const COLORS = { text: '#1b2430', muted: '#5a6675', accent: '#114b7a', rule: '#d6dce4', zebra: '#f4f6f9' };

/**
 * Renders a document to PDF bytes. Every PDF the product makes (certificates, contracts,
 * management reports) goes through here, so they share one font — Noto Sans SC from npm,
 * since a fresh server has no CJK fonts — and one look. pdfkit subsets the font, so a
 * one-page certificate stays a few kilobytes, and the text stays extractable.
 *
 * Deterministic: the creation date comes from the spec (the PDF's file id is derived from
 * it), so the same content renders byte-identical files — a stored report's hash can be
 * checked by rendering it again.
 */
export function renderPdf(spec: PdfSpec): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: spec.orientation ?? 'portrait',
    margins: { top: MARGIN, bottom: MARGIN + 18, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: spec.language,
    displayTitle: true,
    info: {
      Title: spec.title,
      Author: spec.author ?? 'Outpost',
      Subject: spec.subject ?? spec.title,
      Creator: 'Outpost',
      Producer: 'Outpost',
      CreationDate: spec.createdAt,
      ModDate: spec.createdAt,
    },
  });
  doc.registerFont('regular', fontPaths.regular);
  doc.registerFont('bold', fontPaths.bold);
  doc.font('regular').fillColor(COLORS.text);

  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  for (const block of spec.blocks) drawBlock(doc, block);
  if (spec.footer !== undefined) drawFooters(doc, spec.footer);
  doc.end();
  return done;
}

type Doc = PDFKit.PDFDocument;

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomLimit = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page when less than `height` points are left on this one. */
function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

function drawBlock(doc: Doc, block: PdfBlock) {
  const left = doc.page.margins.left;
  switch (block.kind) {
    case 'title':
      ensureRoom(doc, 60);
      doc
        .font('bold')
        .fontSize(20)
        .fillColor(COLORS.accent)
        .text(block.text, left, doc.y, {
          width: contentWidth(doc),
          align: block.align ?? 'left',
        });
      doc.moveDown(0.6).fillColor(COLORS.text);
      return;
    case 'heading':
      ensureRoom(doc, 48);
      doc.moveDown(0.4);
      doc
        .font('bold')
        .fontSize(block.level === 2 ? 12 : 14)
        .fillColor(COLORS.text)
        .text(block.text, left, doc.y, { width: contentWidth(doc) });
      doc.moveDown(0.3);
      return;
    case 'paragraph':
      doc
        .font('regular')
        .fontSize(block.size ?? 10.5)
        .fillColor(block.muted ? COLORS.muted : COLORS.text)
        .text(block.text, left, doc.y, {
          width: contentWidth(doc),
          align: block.align ?? 'left',
          lineGap: 3,
        });
      doc.moveDown(0.5).fillColor(COLORS.text);
      return;
    case 'fields':
      drawFields(doc, block.rows);
      return;
    case 'table':
      drawTable(doc, block);
      return;
    case 'chart':
      ensureRoom(doc, (block.height ?? 180) + 40);
      drawChart(doc, block, { x: left, y: doc.y, width: contentWidth(doc), colors: COLORS });
      return;
    case 'rule':
      doc
        .moveTo(left, doc.y)
        .lineTo(left + contentWidth(doc), doc.y)
        .lineWidth(0.5)
        .strokeColor(COLORS.rule)
        .stroke();
      doc.moveDown(0.6);
      return;
    case 'spacer':
      doc.y += block.size ?? 12;
      return;
    case 'pageBreak':
      doc.addPage();
      return;
  }
}

/** Label–value pairs in two columns, as on a certificate or a contract's cover. */
function drawFields(doc: Doc, rows: { label: string; value: string }[]) {
  const left = doc.page.margins.left;
  const labelWidth = Math.min(150, contentWidth(doc) * 0.32);
  const valueWidth = contentWidth(doc) - labelWidth - 12;
  doc.fontSize(10.5);
  for (const row of rows) {
    const height = Math.max(
      doc.font('regular').heightOfString(row.label, { width: labelWidth }),
      doc.font('regular').heightOfString(row.value, { width: valueWidth }),
    );
    ensureRoom(doc, height + 6);
    const y = doc.y;
    doc.font('regular').fillColor(COLORS.muted).text(row.label, left, y, { width: labelWidth });
    doc
      .font('regular')
      .fillColor(COLORS.text)
      .text(row.value, left + labelWidth + 12, y, { width: valueWidth });
    doc.y = y + height + 6;
  }
  doc.moveDown(0.4);
}

/** A table that continues on the next page, repeating its header. */
function drawTable(doc: Doc, block: Extract<PdfBlock, { kind: 'table' }>) {
  const left = doc.page.margins.left;
  const total = contentWidth(doc);
  const weights = block.columns.map((c) => c.width ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / sum) * total);
  const pad = 4;
  const fontSize = block.fontSize ?? 9.5;

  const rowHeight = (cells: string[], font: 'regular' | 'bold') =>
    Math.max(
      ...cells.map((cell, i) =>
        doc
          .font(font)
          .fontSize(fontSize)
          .heightOfString(cell, { width: widths[i]! - pad * 2 }),
      ),
    ) +
    pad * 2;

  const drawRow = (cells: string[], font: 'regular' | 'bold', fill?: string) => {
    const height = rowHeight(cells, font);
    const y = doc.y;
    if (fill) doc.rect(left, y, total, height).fill(fill);
    let x = left;
    cells.forEach((cell, i) => {
      doc
        .font(font)
        .fontSize(fontSize)
        .fillColor(COLORS.text)
        .text(cell, x + pad, y + pad, {
          width: widths[i]! - pad * 2,
          align: block.columns[i]?.align ?? 'left',
        });
      x += widths[i]!;
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + total, y + height)
      .lineWidth(0.5)
      .strokeColor(COLORS.rule)
      .stroke();
    doc.y = y + height;
  };

  const header = block.columns.map((c) => c.header);
  ensureRoom(doc, rowHeight(header, 'bold') + (block.rows[0] ? rowHeight(block.rows[0], 'regular') : 0));
  drawRow(header, 'bold', COLORS.zebra);
  block.rows.forEach((row) => {
    if (doc.y + rowHeight(row, 'regular') > bottomLimit(doc)) {
      doc.addPage();
      drawRow(header, 'bold', COLORS.zebra);
    }
    drawRow(row, 'regular');
  });
  if (block.rows.length === 0 && block.empty) {
    doc
      .font('regular')
      .fontSize(fontSize)
      .fillColor(COLORS.muted)
      .text(block.empty, left + pad, doc.y + pad);
  }
  doc.x = left;
  doc.moveDown(0.8).fillColor(COLORS.text);
}

/** "footer text · 3 / 7" on every page, once the page count is known. */
function drawFooters(doc: Doc, footer: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not add a page
    const text = `${footer ? `${footer} · ` : ''}${i + 1} / ${range.count}`;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text(text, doc.page.margins.left, doc.page.height - bottom + 24, {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}
