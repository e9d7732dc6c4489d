import fc from 'fast-check';
import { brokenMultipartBodies, hostileContentTypes, hostileString, rawJsonBodies } from './hostile.ts';
import { type ActorName, actorNames, fixture } from './world.ts';

/**
 * A generated request as plain data (what fast-check generates and a failure prints),
 * rendered against the world's ids and credentials only when it is sent. Ids are
 * referred to by position, so the same seed addresses the same things in every run.
 */
export type IdRef = { known: number } | { raw: string };
export type FieldValue = { text: string } | { file: { name: string; content: FileContent } };
export type FileContent = 'pdf' | 'png' | 'docx' | 'empty' | 'exe' | 'text';
export type BodyRecipe =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string }
  | { kind: 'raw'; text: string; contentType: string }
  | { kind: 'form'; fields: [string, FieldValue][]; encoding: 'multipart' | 'urlencoded' };

export interface Recipe {
  actor: ActorName;
  method: string;
  /** A path with `{name}` placeholders, filled from `params`. */
  path: string;
  params: Record<string, IdRef>;
  query: [string, string][];
  body: BodyRecipe;
  headers: Record<string, string>;
}

export interface Rendered {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: BodyInit | undefined;
  /** The body as text, for the failure report. */
  bodyText: string;
}

const files: Record<FileContent, () => Uint8Array> = {
  pdf: () => fixture('licence.pdf'),
  png: () => fixture('scan.png'),
  docx: () => fixture('statement.docx'),
  exe: () => fixture('disguised-executable.pdf'),
  empty: () => new Uint8Array(),
  text: () => new TextEncoder().encode('just text, not a document'),
};

export const fileValue: fc.Arbitrary<FieldValue> = fc.record({
  file: fc.record({
    name: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('licence.pdf', '营业执照.pdf', 'scan.png', 'statement.docx') },
      { weight: 2, arbitrary: hostileString },
    ),
    content: fc.constantFrom<FileContent>('pdf', 'pdf', 'png', 'docx', 'exe', 'empty', 'text'),
  }),
});

/** Percent-encodes any string; a lone surrogate (which UTF-8 cannot hold) becomes its CESU-8 bytes. */
export function encodeAny(text: string): string {
  return Array.from(text, (ch) => {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff)
      return `%ED%${(0xa0 + ((code >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 + (code & 0x3f)).toString(16).toUpperCase()}`;
    return encodeURIComponent(ch);
  }).join('');
}

export const idRef: fc.Arbitrary<IdRef> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ known: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ raw: hostileString.map(encodeAny) }) },
  { weight: 1, arbitrary: fc.record({ raw: fc.constantFrom('%', '%E0%A4%A', '%00', '%0D%0A', '..', '.') }) },
  { weight: 1, arbitrary: fc.record({ raw: fc.uuid() }) },
);

/** Sometimes the wrong method, an odd header, a forged credential. */
export const methodFor = (method: string) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(method.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom('PATCH', 'OPTIONS', 'PUT', 'DELETE', 'HEAD', 'POST', 'GET') },
  );

export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 10, arbitrary: fc.constant({}) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Record<string, string>>(
      { 'x-request-id': 'x'.repeat(500) },
      { 'x-request-id': '../evil id' },
      { 'accept-language': 'xx-YY;q=abc, *;q=2' },
      { accept: 'text/html' },
      { authorization: 'Bearer opk_nothing_here' },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      { authorization: 'Bearer' },
      { cookie: 'outpost_session=forged.token' },
      { cookie: 'outpost_session=%00' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { origin: 'null' },
    ),
  },
);

export const actorFor = (accepts: string[] | null) =>
  // Mostly actors the endpoint accepts, so requests reach its validation and services.
  fc.oneof(
    ...actorNames.map((actor) => ({
      weight:
        accepts === null || accepts.length === 0
          ? 2
          : actor === 'signedOut'
            ? 1
            : actor === 'apiKey'
              ? accepts.includes('apiKey')
                ? 4
                : 1
              : accepts.includes('session')
                ? 4
                : 1,
      arbitrary: fc.constant(actor),
    })),
  );

/** A JSON body: mostly the schema's value, sometimes raw broken JSON or the wrong content type. */
export const jsonBody = (value: fc.Arbitrary<unknown>): fc.Arbitrary<BodyRecipe> =>
  fc.oneof(
    {
      weight: 14,
      arbitrary: value.map((v) => ({ kind: 'json' as const, value: v, contentType: 'application/json' })),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        text: fc.constantFrom(...rawJsonBodies),
        contentType: fc.constant('application/json'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('json' as const),
        value,
        contentType: fc.constantFrom(...hostileContentTypes),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  );

/** A multipart form: fields from the schema, files of every kind, or a body that is not multipart at all. */
export const formBody = (fields: fc.Arbitrary<[string, FieldValue][]>): fc.Arbitrary<BodyRecipe> =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fields.map((f) => ({ kind: 'form' as const, fields: f, encoding: 'multipart' as const })),
    },
    {
      weight: 1,
      arbitrary: fields.map((f) => ({ kind: 'form' as const, fields: f, encoding: 'urlencoded' as const })),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        text: fc.constantFrom(...brokenMultipartBodies),
        contentType: fc.constantFrom(
          'multipart/form-data; boundary=zzz',
          'multipart/form-data',
          'multipart/form-data; boundary=other',
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constant({
        kind: 'json' as const,
        value: { file: 'x' },
        contentType: 'application/json',
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  );

/** A body on an operation that takes none (or the wrong kind). */
export const strayBody: fc.Arbitrary<BodyRecipe> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 1,
    arbitrary: fc.constant({
      kind: 'raw' as const,
      text: '{"unexpected": true}',
      contentType: 'application/json',
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      text: fc.constantFrom(...rawJsonBodies),
      contentType: fc.constantFrom(...hostileContentTypes),
    }),
  },
);

export function render(
  recipe: Recipe,
  ids: (param: string, path: string) => string[],
  credentials: Record<string, string>,
  base: string,
): Rendered {
  const path = recipe.path.replace(/\{(\w+)\}|:(\w+)/g, (_, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    const ref = recipe.params[name] ?? { known: 0 };
    if ('raw' in ref) return ref.raw || '%20';
    const pool = ids(name, recipe.path);
    return pool.length > 0 ? encodeURIComponent(pool[ref.known % pool.length]!) : 'none';
  });
  const query = recipe.query.map(([k, v]) => `${encodeAny(k)}=${encodeAny(v)}`).join('&');
  const headers: Record<string, string> = { ...credentials, ...recipe.headers };
  let body: BodyInit | undefined;
  let bodyText = '';
  const b = recipe.body;
  if (b.kind === 'json') {
    bodyText = JSON.stringify(b.value) ?? '';
    body = bodyText;
    if (b.contentType) headers['content-type'] = b.contentType;
  } else if (b.kind === 'raw') {
    bodyText = b.text;
    body = b.text;
    if (b.contentType) headers['content-type'] = b.contentType;
  } else if (b.kind === 'form') {
    bodyText = b.fields
      .map(
        ([k, v]) =>
          `${k}=${'text' in v ? v.text : `<file ${JSON.stringify(v.file.name)}: ${v.file.content}>`}`,
      )
      .join('&');
    if (b.encoding === 'urlencoded') {
      body = new URLSearchParams(
        b.fields.map(([k, v]) => [k, 'text' in v ? v.text : v.file.name]),
      ).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else {
      const form = new FormData();
      for (const [k, v] of b.fields) {
        if ('text' in v) form.append(k, v.text);
        else form.append(k, new File([files[v.file.content]() as Uint8Array<ArrayBuffer>], v.file.name));
      }
      body = form;
    }
  }
  const noBody = recipe.method === 'GET' || recipe.method === 'HEAD';
  return {
    method: recipe.method,
    url: `${base}${path}${query ? `?${query}` : ''}`,
    headers,
    body: noBody ? undefined : body,
    bodyText: noBody ? '' : bodyText,
  };
}

/** What a failure prints: enough to replay the request by hand. */
export function describeRequest(r: Rendered, actor: string): string {
  const shown =
    r.bodyText.length > 600 ? `${r.bodyText.slice(0, 600)}… (${r.bodyText.length} characters)` : r.bodyText;
  const headers = Object.entries(r.headers)
    .map(([k, v]) => `${k}: ${k === 'cookie' || k === 'authorization' ? `${v.slice(0, 24)}…` : v}`)
    .join('\n    ');
  return `${r.method} ${r.url.length > 400 ? `${r.url.slice(0, 400)}…` : r.url}   (as ${actor})\n    ${headers}\n    body: ${JSON.stringify(shown)}`;
}
