import { AwsClient } from 'aws4fetch';
import type { FileStorage } from '@outpost/core';

export interface S3Options {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  fetch?: typeof fetch;
}

/**
 * Any S3-compatible store (AWS S3, MinIO, Ceph, Alibaba OSS in S3 mode…), path-style
 * URLs, requests signed with SigV4 by aws4fetch — a small dependency instead of the
 * full AWS SDK, since we only need PUT and GET of whole objects.
 */
export class S3Storage implements FileStorage {
  private readonly client: AwsClient;
  private readonly base: string;

  constructor(options: S3Options) {
    this.client = new AwsClient({
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      region: options.region,
      service: 's3',
    });
    this.base = `${options.endpoint.replace(/\/$/, '')}/${encodeURIComponent(options.bucket)}`;
    if (options.fetch) this.client.fetch = options.fetch as never;
  }

  private url(key: string) {
    return `${this.base}/${key.split('/').map(encodeURIComponent).join('/')}`;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const response = await this.client.fetch(this.url(key), {
      method: 'PUT',
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
      headers: { 'content-type': contentType, 'content-length': String(bytes.byteLength) },
    });
    if (!response.ok) throw new Error(`S3 PUT ${key} failed: ${response.status} ${await response.text()}`);
  }

  async get(key: string): Promise<Uint8Array> {
    const response = await this.client.fetch(this.url(key), { method: 'GET' });
    if (!response.ok) throw new Error(`S3 GET ${key} failed: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}
