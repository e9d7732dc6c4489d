import type { Context } from 'hono';

/**
 * A stored file as a download: always an attachment (never rendered inline on our
 * origin), no sniffing, sandboxed, with its digest. Non-ASCII names go in filename*.
 */
export function attachmentResponse(
  c: Context,
  file: { bytes: Uint8Array; fileName: string; contentType: string; sha256: string },
) {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return c.body(file.bytes as unknown as ArrayBuffer, 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    Digest: `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`,
  });
}
