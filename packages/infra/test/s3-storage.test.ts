import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '../src/index.ts';

/** A fake S3 endpoint on loopback: stores objects in memory, insists on SigV4 signatures. */
const objects = new Map<string, Buffer>();
const seen: { method: string; url: string; authorization: string }[] = [];
const server = createServer(async (req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const authorization = String(req.headers.authorization ?? '');
  seen.push({ method: req.method!, url: req.url!, authorization });
  if (!authorization.startsWith('AWS4-HMAC-SHA256 Credential=AKIATEST/') || !req.headers['x-amz-date']) {
    res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>');
    return;
  }
  if (req.method === 'PUT') {
    objects.set(req.url!, Buffer.concat(chunks));
    res.writeHead(200).end();
  } else if (objects.has(req.url!)) {
    res.writeHead(200).end(objects.get(req.url!));
  } else {
    res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
  }
});
let endpoint: string;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('S3-compatible storage', () => {
  it('puts and gets objects with signed path-style requests', async () => {
    const storage = new S3Storage({
      endpoint,
      bucket: 'outpost-docs',
      region: 'cn-north-1',
      accessKeyId: 'AKIATEST',
      secretAccessKey: 'secret',
    });
    await storage.put('sha256/ab/abcdef', new Uint8Array([1, 2, 3]), 'application/pdf');
    expect([...(await storage.get('sha256/ab/abcdef'))]).toEqual([1, 2, 3]);
    expect(seen[0]).toMatchObject({ method: 'PUT', url: '/outpost-docs/sha256/ab/abcdef' });
    expect(seen[0]!.authorization).toContain('cn-north-1/s3/aws4_request');
  });

  it('surfaces a refused request as an error', async () => {
    const storage = new S3Storage({
      endpoint,
      bucket: 'b',
      region: 'r',
      accessKeyId: 'WRONG',
      secretAccessKey: 's',
    });
    await expect(storage.put('k', new Uint8Array([1]), 'application/pdf')).rejects.toThrow(/403/);
    const good = new S3Storage({
      endpoint,
      bucket: 'b',
      region: 'r',
      accessKeyId: 'AKIATEST',
      secretAccessKey: 's',
    });
    await expect(good.get('missing')).rejects.toThrow(/404/);
  });
});
