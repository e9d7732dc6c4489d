import { type FileStorage, LocalDiskStorage } from '@outpost/core';
import { S3Storage } from './s3-storage.ts';

export { S3Storage } from './s3-storage.ts';
export { createSmtpMailer } from './smtp-mailer.ts';

export type StorageConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
    };

export function createStorage(config: StorageConfig): FileStorage {
  return config.kind === 's3' ? new S3Storage(config) : new LocalDiskStorage(config.dir);
}
