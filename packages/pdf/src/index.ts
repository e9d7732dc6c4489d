export { renderPdf } from './render.ts';
export type { PdfBlock, PdfChart, PdfSpec } from './spec.ts';
