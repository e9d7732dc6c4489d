import { AppError } from '@outpost/core';
import { bodyLimit } from 'hono/body-limit';

/**
 * The body limit of an upload route (app.ts skips the small general one there): the
 * file plus form overhead, answered as the translatable "file too large" error.
 */
export function uploadLimit(maxUploadBytes: number) {
  return bodyLimit({
    maxSize: maxUploadBytes + 64 * 1024,
    onError: () => {
      throw new AppError(
        'payload_too_large',
        `The file is larger than the ${Math.round(maxUploadBytes / 1024 / 1024)} MB limit.`,
        { messageKey: 'errors.file_too_large', details: { maxBytes: maxUploadBytes } },
      );
    },
  });
}

/** The multipart form's "file" field, or a validation error naming it. */
export function requireFile(value: unknown): File {
  if (!(value instanceof File)) {
    throw new AppError('validation_failed', 'Attach the file in the "file" field.', {
      details: { fields: [{ path: 'file', message: 'Attach a file.' }] },
    });
  }
  return value;
}
