import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  docxBomb,
  docxFile,
  docxWithExecutable,
  minimalPdf,
  pdfWithZipAppended,
  pngMagicThenHtml,
  xlsxBomb,
  xlsxFile,
} from '@outpost/core/testing';
import { type Locale, translate } from '@outpost/i18n';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPortalBuilt } from '../support/portal-build.ts';
import { type RunningServer, startServer } from '../support/e2e-server.ts';

/**
 * Hostile uploads against the real server (a child process, as in production): bombs,
 * polyglots and hostile names, through the API's multipart route, the portal's no-JavaScript
 * upload form and the staff event import. Each is refused with a 4xx whose code and message say
 * what is wrong (in both languages on the portal), nothing is stored — no file, no row — and
 * the process keeps answering /healthz while it refuses them.
 */
const PASSWORD = 'outpost-demo-2026';
const HEALTHZ_BOUND_MS = 500;
const MiB = 1024 * 1024;

let server: RunningServer;
let partnerCookie: string;
let riskCookie: string;
let partnerId: string;
let requirementId: string;
let otherPartnerId: string;

async function cookieFor(email: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(201);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Every file in the server's store. */
function storedFiles(): string[] {
  const dir = path.join(server.dataDir, 'files');
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort();
  } catch {
    return [];
  }
}

async function documentVersions(): Promise<number> {
  const response = await fetch(`${server.baseUrl}/api/v1/partners/${partnerId}/documents`, {
    headers: { Cookie: partnerCookie },
  });
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: { versions: unknown[] }[] };
  return items.reduce((n, d) => n + d.versions.length, 0);
}

/** The server's resident memory (Linux). */
function rssMb(): number {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * Runs `work` while polling /healthz back to back; returns the slowest answer. The box is
 * shared: the figure is always printed, the bound only asserted when the machine is not loaded.
 */
async function healthzDuring<T>(label: string, work: () => Promise<T>, assertBound = true): Promise<T> {
  let done = false;
  const latencies: number[] = [];
  const poll = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(`${server.baseUrl}/healthz`);
      await response.text();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  try {
    return await work();
  } finally {
    done = true;
    await poll;
    const worst = Math.max(...latencies);
    const load = os.loadavg()[0]!;
    console.log(
      `${label}: /healthz answered ${latencies.length}×, slowest ${worst.toFixed(0)} ms (load ${load.toFixed(2)})`,
    );
    if (assertBound && load <= 4) expect(worst).toBeLessThan(HEALTHZ_BOUND_MS);
  }
}

async function apiUpload(bytes: Uint8Array, fileName: string) {
  const form = new FormData();
  form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), fileName);
  form.set('requirementId', requirementId);
  return fetch(`${server.baseUrl}/api/v1/documents`, {
    method: 'POST',
    headers: { Cookie: partnerCookie },
    body: form,
  });
}

async function portalUpload(bytes: Uint8Array, fileName: string, locale: Locale) {
  const form = new FormData();
  form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), fileName);
  form.set('requirementId', requirementId);
  return fetch(`${server.baseUrl}/p/documents`, {
    method: 'POST',
    headers: { Cookie: `${partnerCookie}; outpost_lang=${locale}`, Origin: server.baseUrl },
    body: form,
  });
}

async function portalImport(bytes: Uint8Array, locale: Locale) {
  const form = new FormData();
  form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), 'events.xlsx');
  form.set('partnerId', otherPartnerId);
  return fetch(`${server.baseUrl}/s/import`, {
    method: 'POST',
    headers: { Cookie: `${riskCookie}; outpost_lang=${locale}`, Origin: server.baseUrl },
    body: form,
  });
}

/** React escapes these in the page; the message is compared as the page shows it. */
const asHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/'/g, '&#x27;')
    .replace(/"/g, '&quot;');

interface Case {
  name: string;
  fileName: string;
  bytes: () => Promise<Uint8Array> | Uint8Array;
  messageKey: string;
  params?: Record<string, string | number>;
}

const cases: Case[] = [
  {
    name: 'a PDF with a ZIP appended',
    fileName: 'licence.pdf',
    bytes: pdfWithZipAppended,
    messageKey: 'errors.file_trailing_data',
    params: { type: 'PDF' },
  },
  {
    name: 'PNG magic followed by HTML',
    fileName: 'scan.png',
    bytes: pngMagicThenHtml,
    messageKey: 'errors.file_malformed',
    params: { type: 'PNG' },
  },
  {
    name: 'a DOCX carrying an executable',
    fileName: 'statement.docx',
    bytes: () => docxWithExecutable(),
    messageKey: 'errors.file_archive_unsafe',
    params: { type: 'DOCX' },
  },
  {
    name: 'a DOCX declaring 2 GiB',
    fileName: 'bomb.docx',
    bytes: () => docxFile([{ name: 'word/media/filler.xml', data: ' ', declaredSize: 2 ** 31 }]),
    messageKey: 'errors.file_inflates_too_large',
    params: { type: 'DOCX', maxMb: 100, maxEntries: 1000 },
  },
  {
    name: 'a DOCX hiding 200 MiB behind a 1 KB header',
    fileName: 'bomb.docx',
    bytes: () => docxBomb(200 * MiB, false),
    messageKey: 'errors.file_inflates_too_large',
    params: { type: 'DOCX', maxMb: 100, maxEntries: 1000 },
  },
];

describe('hostile uploads against the real server', () => {
  beforeAll(async () => {
    assertPortalBuilt();
    server = await startServer();
    partnerCookie = await cookieFor('partner.admin@huaan-agency.test');
    riskCookie = await cookieFor('risk@outpost.test');
    const me = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { Cookie: partnerCookie } });
    partnerId = ((await me.json()) as { partner: { id: string } }).partner.id;
    const requirements = await fetch(`${server.baseUrl}/api/v1/requirements`, {
      headers: { Cookie: partnerCookie },
    });
    const items = (
      (await requirements.json()) as { items: { id: string; expires: boolean; active: boolean }[] }
    ).items;
    // A requirement that needs no dates, so only the file can be refused.
    requirementId = items.find((r) => r.active && !r.expires)!.id;
    const partners = await fetch(`${server.baseUrl}/api/v1/partners?pageSize=5`, {
      headers: { Cookie: riskCookie },
    });
    otherPartnerId = ((await partners.json()) as { items: { id: string }[] }).items[0]!.id;
  }, 180_000);
  afterAll(async () => {
    if (server) console.log(`server rss at the end: ${rssMb().toFixed(0)} MB`);
    await server?.stop();
  });

  for (const c of cases) {
    it(`refuses ${c.name}: 4xx with its code, in both languages, nothing stored`, async () => {
      const bytes = await c.bytes();
      const filesBefore = storedFiles();
      const versionsBefore = await documentVersions();

      const api = await healthzDuring(`API ${c.name}`, () => apiUpload(bytes, c.fileName));
      const body = (await api.json()) as { error: { code: string; message: string; details: unknown } };
      expect(api.status, JSON.stringify(body)).toBe(422);
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details).toMatchObject({ fields: [{ path: 'file' }] });
      expect(body.error.message.length).toBeGreaterThan(10);

      for (const locale of ['zh-CN', 'en'] as const) {
        const page = await portalUpload(bytes, c.fileName, locale);
        expect(page.status).toBe(422);
        expect(await page.text()).toContain(asHtml(translate(locale, c.messageKey, c.params)));
      }
      expect(storedFiles()).toEqual(filesBefore);
      expect(await documentVersions()).toBe(versionsBefore);
    });
  }

  it('refuses a NUL or CR LF in the file name with a 4xx naming the field, never a 500', async () => {
    const filesBefore = storedFiles();
    const versionsBefore = await documentVersions();
    for (const disposition of [
      'filename="licence\u0000.pdf"',
      'filename="x.pdf"; filename*=UTF-8\'\'licence%0D%0AContent-Type%3A%20text%2Fhtml.pdf',
    ]) {
      const boundary = 'hostile-boundary';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="requirementId"\r\n\r\n${requirementId}\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        Buffer.from(minimalPdf),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const response = await fetch(`${server.baseUrl}/api/v1/documents`, {
        method: 'POST',
        headers: { Cookie: partnerCookie, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
      const text = await response.text();
      // Refused by the text guard (NUL) or by the file-name rule (CR LF): a 4xx naming the field.
      expect(response.status, text).toBe(422);
      const error = JSON.parse(text).error as { code: string; details: { field?: string; fields?: unknown } };
      expect(error.code).toBe('validation_failed');
      expect(JSON.stringify(error.details)).toMatch(/"(file|fileName)"/);
    }
    expect(storedFiles()).toEqual(filesBefore);
    expect(await documentVersions()).toBe(versionsBefore);
  });

  it('stores a bidi-override name so that it downloads under the real type, never as .exe', async () => {
    const response = await apiUpload(minimalPdf, 'invoice\u202efdp.exe');
    expect(response.status).toBe(201);
    const { document, version } = (await response.json()) as {
      document: { id: string };
      version: { fileName: string };
    };
    expect(version.fileName).toBe('invoicefdp.exe.pdf');
    const download = await fetch(`${server.baseUrl}/api/v1/documents/${document.id}/file`, {
      headers: { Cookie: partnerCookie },
    });
    expect(download.status).toBe(200);
    const disposition = download.headers.get('content-disposition') ?? '';
    expect(disposition).not.toContain('%E2%80%AE');
    expect(disposition).toMatch(/filename="invoicefdp\.exe\.pdf"/);
    await download.arrayBuffer();
  });

  it('refuses XLSX bombs at the staff import while /healthz keeps answering, and memory comes back', async () => {
    const honest = await xlsxBomb(200 * MiB);
    const lying = await xlsxBomb(200 * MiB, false);
    const before = rssMb();
    for (const [label, bytes] of [
      ['honest 200 MiB XLSX bomb', honest],
      ['lying 200 MiB XLSX bomb', lying],
    ] as const) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const page = await healthzDuring(`import ${label} (${locale})`, () => portalImport(bytes, locale));
        expect(page.status).toBe(422);
        expect(await page.text()).toContain(
          asHtml(
            translate(locale, 'errors.file_inflates_too_large', {
              type: 'XLSX',
              maxMb: 160,
              maxEntries: 5000,
            }),
          ),
        );
      }
    }
    // Several at once: the process still answers.
    await healthzDuring('four bombs at once', () =>
      Promise.all([
        portalImport(honest, 'en'),
        portalImport(lying, 'en'),
        apiUpload(honest, 'a.xlsx'),
        apiUpload(lying, 'b.xlsx'),
      ]).then((responses) => {
        for (const r of responses) expect(r.status).toBe(422);
        return Promise.all(responses.map((r) => r.text()));
      }),
    );
    const after = rssMb();
    console.log(`server rss before the bombs ${before.toFixed(0)} MB, after ${after.toFixed(0)} MB`);
    // Refused from the archive's bounds, a bomb never inflates: memory stays where it was.
    expect(after).toBeLessThan(before * 1.5 + 100);
  });

  it('reads a large legitimate workbook in a worker thread while /healthz keeps answering', async () => {
    const rows: (string | number)[][] = [['externalId', 'type', 'occurredAt', 'rating']];
    for (let i = 0; i < 20_000; i++)
      rows.push([`H-${i}`, 'customer_rating', '2026-07-01T09:00:00+08:00', (i % 5) + 1]);
    const workbook = xlsxFile(rows);
    // Printed, not bounded: the sheet is parsed, mapped and validated in the worker (decision
    // record 023), but serialising the 20,000 checked events into the response still runs on the
    // event loop. packages/core/test/import-rows.test.ts bounds the check's own timer lag.
    const page = await healthzDuring(
      'import of a 20,000-row workbook',
      () => portalImport(workbook, 'en'),
      false,
    );
    const html = await page.text();
    expect(page.status, html.slice(0, 300)).toBe(200);
    console.log(`server rss after the large workbook: ${rssMb().toFixed(0)} MB`);
  });
});
