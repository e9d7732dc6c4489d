import fc from 'fast-check';
import { hostileValue } from './hostile.ts';

/** The part of JSON Schema (as OpenAPI 3.1 embeds it) the generator understands. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
}

export interface Generation {
  components: Record<string, JsonSchema>;
  /** Real ids and codes, by property name (`partnerId`, `requirementId`…) or `any`. */
  known: Record<string, string[]>;
  /** One leaf in this many is replaced by a hostile value; 0: none. */
  hostileOneIn: number;
}

/** Plausible values for well-known field names, so that some requests get past the schema. */
const byName: Record<string, fc.Arbitrary<unknown>> = {
  creditCode: fc.constantFrom('91440300708461136T', '91330100716105852F', '91110000100006485K'),
  quarter: fc.constantFrom('2026-Q3', '2026-Q2', '2025-Q4', '2027-Q1'),
  period: fc.constantFrom('2026-Q3', '2026-08', '2026'),
  email: fc.constantFrom('someone@fuzz.test', 'colleague@fuzz.test', 'admin@outpost.test'),
  contactEmail: fc.constantFrom('someone@fuzz.test', 'new-admin@fuzz.test'),
  password: fc.constantFrom('outpost-demo-2026', 'a-long-enough-password-2026', 'short'),
};

const isoDate = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
// Up to a day ago: events may not be stamped in the future (5 minutes' tolerance).
const isoInstant = fc
  .date({ min: new Date('2020-01-01'), max: new Date(Date.now() - 86_400_000), noInvalidDate: true })
  .map((d) => d.toISOString());

/**
 * An arbitrary for values of a schema, mostly valid, with hostile values mixed in at
 * every level (one leaf in `hostileOneIn`): enough valid requests reach the services
 * and the database, and enough hostile ones probe each field.
 */
export function arbitraryFor(
  schema: JsonSchema | undefined,
  g: Generation,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const valid = validFor(schema ?? {}, g, name, depth);
  if (g.hostileOneIn <= 0) return valid;
  return fc.oneof({ weight: g.hostileOneIn - 1, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

function validFor(schema: JsonSchema, g: Generation, name: string, depth: number): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const target = g.components[schema.$ref.split('/').pop()!];
    return target ? validFor(target, g, name, depth + 1) : fc.anything();
  }
  if (depth > 8) return fc.constant(null);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => validFor(v, g, name, depth + 1)));
  if (schema.allOf?.length) return validFor(Object.assign({}, ...schema.allOf), g, name, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => validFor({ ...schema, type }, g, name, depth)));
  const known = g.known[name] ?? (/Id$/.test(name) ? g.known.any : undefined);
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1000, -(2 ** 31)),
        max: Math.min(schema.maximum ?? 1000, 2 ** 31 - 1),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'array': {
      const item = arbitraryFor(schema.items, g, name, depth + 1);
      return fc.array(item, {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    }
    case 'object':
      return objectFor(schema, g, depth);
    case 'string':
      return stringFor(schema, g, name, known);
    default:
      return fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null));
  }
}

function objectFor(schema: JsonSchema, g: Generation, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, s]) => [key, arbitraryFor(s, g, key, depth + 1)]),
  );
  const record = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
  if (g.hostileOneIn <= 0) return record;
  // Sometimes a field the schema does not know, or a required one missing.
  return fc.oneof(
    { weight: 8, arbitrary: record },
    {
      weight: 1,
      arbitrary: fc.tuple(record, fc.string({ maxLength: 12 }), hostileValue).map(([r, k, v]) => ({
        ...(r as object),
        [k]: v,
      })),
    },
    { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
  );
}

function stringFor(schema: JsonSchema, g: Generation, name: string, known: string[] | undefined) {
  const options: fc.Arbitrary<unknown>[] = [];
  if (known?.length) options.push(fc.constantFrom(...known), fc.constantFrom(...known));
  if (byName[name]) options.push(byName[name]!);
  switch (schema.format) {
    case 'uuid':
      options.push(fc.uuid(), fc.constantFrom(...(g.known.any ?? ['00000000-0000-0000-0000-000000000000'])));
      break;
    case 'date':
      options.push(isoDate);
      break;
    case 'date-time':
      options.push(isoInstant);
      break;
    case 'email':
      options.push(fc.emailAddress());
      break;
    default:
      if (/On$|Date$/.test(name)) options.push(isoDate);
      if (/At$/.test(name)) options.push(isoInstant);
      options.push(
        fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 60) }),
        fc.constantFrom(
          '华安保险代理有限公司',
          '现场检查发现若干问题，需整改。',
          'A sufficiently long reason text.',
        ),
      );
  }
  return fc.oneof(...options);
}

/**
 * Values of a schema in three kinds: valid (reaches the services and the database), valid
 * but for one leaf replaced by a hostile value (probes each field alone), and hostile
 * throughout.
 */
export function mutatedFor(schema: JsonSchema | undefined, g: Generation, name = ''): fc.Arbitrary<unknown> {
  const clean = arbitraryFor(schema, { ...g, hostileOneIn: 0 }, name);
  const oneBad = fc
    .tuple(clean, fc.nat(), hostileValue)
    .map(([value, pick, bad]) => replaceLeaf(value, pick, bad));
  return fc.oneof(
    { weight: 3, arbitrary: clean },
    { weight: 5, arbitrary: oneBad },
    { weight: 2, arbitrary: arbitraryFor(schema, { ...g, hostileOneIn: 4 }, name) },
  );
}

function replaceLeaf(value: unknown, pick: number, bad: unknown): unknown {
  const leaves: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    const entries: [string | number, unknown][] = Array.isArray(v)
      ? v.map((item, i) => [i, item])
      : Object.entries(v as Record<string, unknown>);
    for (const [key, item] of entries) {
      if (isContainer(item)) walk(item);
      else leaves.push({ parent: v as Record<string, unknown>, key });
    }
  };
  const copy = structuredClone(value);
  if (!isContainer(copy)) return bad;
  walk(copy);
  if (leaves.length === 0) return bad;
  const leaf = leaves[pick % leaves.length]!;
  (leaf.parent as Record<string | number, unknown>)[leaf.key] = bad;
  return copy;
}

const isContainer = (v: unknown) => typeof v === 'object' && v !== null;
