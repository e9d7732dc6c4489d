import fc from 'fast-check';

/**
 * Values that have broken (or could break) a layer below the schema: text PostgreSQL
 * refuses, numbers beyond a column, dates beyond the calendar, structures that exhaust
 * the process. Mixed into every generated request.
 */
export const hostileStrings = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'broken \ud800 surrogate',
  '\udfff',
  'line\r\nInjected: header',
  '\r\n\r\n',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  "'; drop table users; --",
  '%00',
  '%',
  '%E0%A4%A',
  '\u202Eevil',
  '\uFEFF',
  '𠜎𠜱𠝹',
  '华安保险代理有限公司',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '1e308',
  '1e-400',
  '0x10',
  '12.5',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '0000-00-00',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '9999-12-31',
  '10000-01-01',
  '+275760-09-13T00:00:00Z',
  '2026-02-30',
  '2026-13-01',
  '2026-01-01T25:61:61Z',
  '1970-01-01T00:00:00Z',
  '2026-Q5',
  '2026-Q0',
  '99999-Q1',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  'x'.repeat(300),
  'x'.repeat(5_000),
  '中'.repeat(20_000),
  'opk_',
  'opk_a_b_c',
  'admin@outpost.test',
  'a@b',
  '@',
];

export const hostileNumbers = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.5,
  12.345,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 63,
  1e15,
  1e16,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  5e-324,
];

/** Literal JSON that JSON.stringify cannot produce (NaN, huge exponents, deep nesting). */
export const rawJsonBodies = [
  '',
  '{',
  '{"a":',
  '[',
  'null',
  'true',
  '0',
  '"text"',
  '[]',
  '{"__proto__": {"admin": true}}',
  '{"constructor": {"prototype": {"x": 1}}}',
  '{"a": NaN}',
  '{"a": 1e999}',
  '{"a": -1e999}',
  '{"a": "\\u0000"}',
  '{"a": "\\ud800"}',
  '{"\\u0000": 1}',
  '{"a": 1, "a": 2}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
  '\uFEFF{}',
  '{"a": "\\x41"}',
];

export const hostileString = fc.constantFrom(...hostileStrings);
export const hostileNumber = fc.constantFrom(...hostileNumbers);

/** Structures: deep nesting and lists far beyond any field's needs. */
export const hostileStructure: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.constant(Array.from({ length: 200_000 }, () => 1)),
  fc.constant(Array.from({ length: 20_000 }, () => 'x')),
  fc.constant(Array.from({ length: 10_001 }, (_, i) => ({ i }))),
  fc.integer({ min: 17, max: 1_000 }).map(nest),
  fc.constant(Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`k${i}`, i]))),
);

function nest(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Anything at all where a value is expected: a hostile value of any JSON type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: hostileStructure },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

export const hostileContentTypes = [
  'text/plain',
  'application/xml',
  'application/json; charset=latin1',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'multipart/form-data; boundary=zzz',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'application/json',
  '',
];

/** Multipart bodies that are not what their header promises. */
export const brokenMultipartBodies = [
  '',
  '--zzz',
  '--zzz\r\nContent-Disposition: form-data; name="file"\r\n\r\nno end',
  '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.pdf"\r\n\r\n%PDF-1.4\r\n--zzz--\r\n',
  '--zzz\r\nContent-Disposition: form-data; name="file"; filename="../../x.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--zzz--\r\n',
  '--zzz\r\nContent-Disposition: form-data; name="\u0000"\r\n\r\nx\r\n--zzz--\r\n',
  '--zzz\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--zzz--\r\n',
  '--zzz--\r\n',
  `--zzz\r\nContent-Disposition: form-data; name="file"; filename="${'x'.repeat(3000)}.pdf"\r\n\r\n%PDF\r\n--zzz--\r\n`,
];
