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

  async exists(key: string): Promise<boolean> {
    const response = await this.client.fetch(this.url(key), { method: 'HEAD' });
    if (response.status === 404) return false;
    if (!response.ok) throw new Error(`S3 HEAD ${key} failed: ${response.status}`);
    return true;
  }

  async delete(key: string): Promise<void> {
    const response = await this.client.fetch(this.url(key), { method: 'DELETE' });
    if (!response.ok && response.status !== 404)
      throw new Error(`S3 DELETE ${key} failed: ${response.status}`);
  }

  /** ListObjectsV2, page by page; keys and LastModified read from the XML (no parser needed for two tags). */
  async *list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ 'list-type': '2', prefix });
      if (token) query.set('continuation-token', token);
      const response = await this.client.fetch(`${this.base}?${query}`, { method: 'GET' });
      if (!response.ok) throw new Error(`S3 LIST ${prefix} failed: ${response.status}`);
      const xml = await response.text();
      for (const [, body] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const key = /<Key>([\s\S]*?)<\/Key>/.exec(body!)?.[1];
        const modified = /<LastModified>([^<]*)<\/LastModified>/.exec(body!)?.[1];
        if (key) yield { key: unescapeXml(key), modifiedAt: new Date(modified ?? 0) };
      }
      token = /<IsTruncated>true<\/IsTruncated>/.test(xml)
        ? /<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1]
        : undefined;
      if (token) token = unescapeXml(token);
    } while (token);
  }
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
