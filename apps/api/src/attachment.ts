import type { Context } from 'hono';

/** File types a browser shows itself without running anything of ours: the only ones served inline. */
export const previewableTypes = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/**
 * A stored file as a download: an attachment by default, never sniffed, sandboxed, with its
 * digest. Non-ASCII names go in filename*. `inline` (for the reviewers' preview beside their
 * decision) applies only to PDFs and images — anything else is still an attachment — and lets
 * only our own pages frame it. PDFs are not CSP-sandboxed: Firefox refuses to render a PDF in
 * a sandboxed document, and a PDF runs nothing in our origin (the browser's viewer is isolated).
 */
export function attachmentResponse(
  c: Context,
  file: { bytes: Uint8Array; fileName: string; contentType: string; sha256: string },
  options: { inline?: boolean } = {},
) {
  const inline = options.inline === true && previewableTypes.has(file.contentType);
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const disposition = `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
  const csp = inline
    ? file.contentType === 'application/pdf'
      ? "default-src 'none'; frame-ancestors 'self'"
      : "default-src 'none'; frame-ancestors 'self'; sandbox"
    : "default-src 'none'; sandbox";
  return c.body(file.bytes as unknown as ArrayBuffer, 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': disposition,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': csp,
    ...(inline ? { 'X-Frame-Options': 'SAMEORIGIN', 'Cache-Control': 'private, no-cache' } : {}),
    Digest: `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`,
  });
}
