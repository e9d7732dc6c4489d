/**
 * What a PDF holds, as data: the caller (a certificate, a contract, a report) says what to
 * show, in the reader's language; render.ts decides how it looks. Text is plain: no markup.
 */
export type PdfBlock =
  | { kind: 'title'; text: string; align?: 'left' | 'center' }
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  | { kind: 'paragraph'; text: string; muted?: boolean; align?: 'left' | 'center' | 'justify'; size?: number }
  | { kind: 'fields'; rows: { label: string; value: string }[] }
  | {
      kind: 'table';
      columns: { header: string; width?: number; align?: 'left' | 'right' | 'center' }[];
      rows: string[][];
      /** Shown when there are no rows. */
      empty?: string;
      fontSize?: number;
    }
  | PdfChart
  | { kind: 'rule' }
  | { kind: 'spacer'; size?: number }
  | { kind: 'pageBreak' };

/** A small line or bar chart (trends over quarters), drawn as vectors with its numbers labelled. */
export interface PdfChart {
  kind: 'chart';
  type: 'line' | 'bar';
  title: string;
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
  /** A horizontal target line, e.g. 98 (%). */
  target?: { value: number; label: string };
  /** Appended to axis values, e.g. '%'. */
  unit?: string;
  height?: number;
}

export interface PdfSpec {
  title: string;
  author?: string;
  subject?: string;
  language: 'zh-CN' | 'en';
  /** Fixed, so that the same content renders byte-identical files. */
  createdAt: Date;
  orientation?: 'portrait' | 'landscape';
  /** Printed at the foot of every page with the page number; '' for page numbers only. */
  footer?: string;
  blocks: PdfBlock[];
}
