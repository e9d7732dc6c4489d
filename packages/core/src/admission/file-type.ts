import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.ts';

/** The only file kinds accepted as qualification documents, decided by content, never by name. */
export const allowedFileTypes = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** Checks size and sniffs the real type from the bytes; returns the MIME type to store. */
export async function checkUpload(
  bytes: Uint8Array,
  maxBytes: number,
): Promise<{ mime: string; ext: string }> {
  if (bytes.byteLength === 0) {
    throw new AppError('validation_failed', 'The file is empty.', {
      messageKey: 'errors.file_empty',
      details: { fields: [{ path: 'file', message: 'The file is empty.' }] },
    });
  }
  if (bytes.byteLength > maxBytes) {
    throw new AppError(
      'payload_too_large',
      `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit.`,
      {
        messageKey: 'errors.file_too_large',
        details: { maxBytes, sizeBytes: bytes.byteLength },
      },
    );
  }
  const detected = await fileTypeFromBuffer(bytes);
  const ext = detected?.ext as keyof typeof allowedFileTypes | undefined;
  if (!ext || !(ext in allowedFileTypes)) {
    throw new AppError(
      'unsupported_media_type',
      'Only PDF, PNG, JPEG, Word (DOCX) and Excel (XLSX) files are accepted.',
      {
        messageKey: 'errors.file_type',
        details: { detected: detected?.mime ?? 'unknown', allowed: Object.keys(allowedFileTypes) },
      },
    );
  }
  return { mime: allowedFileTypes[ext], ext };
}
