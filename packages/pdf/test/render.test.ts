import { describe, expect, it } from 'vitest';
import { type PdfSpec, renderPdf } from '../src/index.ts';
import { pdfText } from '../src/testing.ts';

const createdAt = new Date('2026-12-01T08:00:00Z');

const certificate: PdfSpec = {
  title: '培训合格证书',
  language: 'zh-CN',
  createdAt,
  footer: '验证码 7KQ2-M9XD',
  blocks: [
    { kind: 'title', text: '培训合格证书', align: 'center' },
    { kind: 'paragraph', text: '兹证明 钱成员 已完成下列课程并通过考核。', align: 'center' },
    {
      kind: 'fields',
      rows: [
        { label: '课程', value: '保险销售行为管理办法解读（第 2 版）' },
        { label: '学时', value: '3 学时 · 法律法规与职业道德' },
        { label: 'Course (en)', value: 'Conduct rules for insurance sales' },
      ],
    },
  ],
};

describe('renderPdf', () => {
  it('renders Chinese and English text that can be extracted again', async () => {
    const bytes = await renderPdf(certificate);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(bytes.byteLength).toBeLessThan(60_000); // the font is subset, not embedded whole
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBe(1);
    for (const expected of [
      '培训合格证书',
      '钱成员',
      '保险销售行为管理办法解读（第 2 版）',
      '法律法规与职业道德',
      'Conduct rules for insurance sales',
      '验证码 7KQ2-M9XD',
      '1 / 1',
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
  });

  it('is deterministic: the same spec gives byte-identical files', async () => {
    const [a, b] = await Promise.all([renderPdf(certificate), renderPdf(certificate)]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const later = await renderPdf({ ...certificate, createdAt: new Date('2026-12-02T08:00:00Z') });
    expect(Buffer.from(a).equals(Buffer.from(later))).toBe(false);
  });

  it('continues a long table on the next pages with its header, and numbers every page', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [
      `合作伙伴 ${i + 1}`,
      `${(90 + (i % 10) / 2).toFixed(1)}%`,
      i % 7 === 0 ? '未达标' : '达标',
    ]);
    const bytes = await renderPdf({
      title: 'Quarterly report',
      language: 'en',
      createdAt,
      footer: 'Outpost · 2026-Q4',
      blocks: [
        { kind: 'heading', text: 'Partner compliance' },
        {
          kind: 'table',
          columns: [
            { header: 'Partner', width: 3 },
            { header: 'Compliance', align: 'right' },
            { header: 'Status' },
          ],
          rows,
        },
      ],
    });
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text.match(/Compliance/g)!.length).toBeGreaterThanOrEqual(pages); // header on every page
    expect(text).toContain('合作伙伴 120');
    expect(text).toContain(`${pages} / ${pages}`);
  });

  it('draws a chart with its values written out and a target line', async () => {
    const bytes = await renderPdf({
      title: 'Targets',
      language: 'zh-CN',
      createdAt,
      blocks: [
        {
          kind: 'chart',
          type: 'line',
          title: '合作伙伴合规率',
          labels: ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'],
          series: [{ name: '合规率', values: [96.5, null, 98.2, 99.1] }],
          target: { value: 98, label: '目标 98%' },
          unit: '%',
        },
        {
          kind: 'chart',
          type: 'bar',
          title: 'Alerts',
          labels: ['Q1', 'Q2'],
          series: [
            { name: 'notice', values: [4, 7] },
            { name: 'critical', values: [1, 0] },
          ],
        },
      ],
    });
    const { text } = await pdfText(bytes);
    for (const expected of ['合作伙伴合规率', '96.5%', '99.1%', '目标 98%', '2025-Q3', 'critical'])
      expect(text).toContain(expected);
  });
});
