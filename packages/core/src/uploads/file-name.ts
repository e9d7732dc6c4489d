import { AppError } from '../errors.ts';

/** Bidirectional controls (embeddings, overrides, isolates, marks): they make `fdp.exe` read as `exe.pdf`. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** C0 and C1 controls and DEL. */
const hasControl = (text: string) => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
};
const MAX_NAME_LENGTH = 255;

/**
 * The name an uploaded file is stored and downloaded under. A name with control characters
 * (NUL, CR LF, …) is refused with a 4xx naming `field` — they would break headers and logs.
 * Otherwise: the last path segment only, bidirectional controls and other invisible format
 * characters removed, and the extension of the type the content really is appended when the
 * name does not already end in it — so `invoice\u202efdp.exe` is stored as `invoicefdp.exe.pdf`.
 */
export function storedFileName(raw: string, ext: string | null, field = 'file'): string {
  if (hasControl(raw)) {
    throw new AppError('validation_failed', 'The file name contains control characters; rename the file.', {
      messageKey: 'errors.file_name_invalid',
      details: { field, fields: [{ path: field, message: 'The file name contains control characters.' }] },
    });
  }
  let name = raw.replace(BIDI, '').replace(/[\u200b-\u200d\u2060\ufeff\ufff9-\ufffb]/g, '');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    .replace(/[:*?"<>|]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  if (name === '') name = 'file';
  if (ext) {
    const wanted = ext === 'jpg' ? /\.(jpe?g)$/i : new RegExp(`\\.${ext}$`, 'i');
    if (!wanted.test(name)) name = `${name}.${ext}`;
  }
  if (name.length > MAX_NAME_LENGTH) {
    // Keep the end (the real extension), cut the middle on code points.
    const suffix = ext ? `.${ext}` : '';
    name = `${Array.from(name).slice(0, 200).join('')}…${suffix}`;
  }
  return name;
}
