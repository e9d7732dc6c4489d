import { extractText, getDocumentProxy } from 'unpdf';

/** The text of a PDF, page by page, as a reader's copy-paste would give it (for tests). */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  return { pages: totalPages, text };
}
