import fc from 'fast-check';
import { hostileString, hostileValue } from './hostile.ts';
import {
  actorFor,
  encodeAny,
  type BodyRecipe,
  extraHeaders,
  type FieldValue,
  fileValue,
  formBody,
  idRef,
  jsonBody,
  methodFor,
  type Recipe,
  strayBody,
} from './requests.ts';
import type { Target } from './run.ts';
import { arbitraryFor, type Generation, type JsonSchema, mutatedFor } from './schema-arbitrary.ts';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, string[]>[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Text for a query string or a form field: strings as they are, anything else as JSON. */
const asText = (value: unknown): string => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return text.length > 50_000 ? text.slice(0, 50_000) : text;
};

/**
 * The documented error codes: the enums of `error.code` in the error schemas — one per status
 * since decision record 044 (`Error400`, `Error401`, …), or the single `Error` before it.
 */
export function documentedErrorCodes(doc: OpenApiDocument): Set<string> {
  const codes = Object.entries(doc.components?.schemas ?? {})
    .filter(([name]) => /^Error(\d{3})?$/.test(name))
    .flatMap(
      ([, schema]) => ((schema as JsonSchema).properties?.error?.properties?.code?.enum ?? []) as string[],
    );
  if (codes.length === 0)
    throw new Error('The OpenAPI document does not list the error codes (Error*.error.code enums).');
  return new Set(codes);
}

/**
 * One target per operation of the OpenAPI document — its path parameters, query and
 * JSON or multipart body generated from the schemas with hostile values mixed in —
 * plus paths and methods no route answers. A route added tomorrow is fuzzed tomorrow.
 */
export function openApiTargets(
  doc: OpenApiDocument,
  known: Record<string, string[]>,
  perOperation: number,
): Target[] {
  const g: Generation = { components: doc.components?.schemas ?? {}, known, hostileOneIn: 8 };
  const targets: Target[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const accepts = op.security ? op.security.flatMap((s) => Object.keys(s)) : null;
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const queryParams = params.filter((p) => p.in === 'query');
      const recipes: fc.Arbitrary<Recipe> = fc.record({
        actor: actorFor(accepts),
        method: methodFor(method),
        path: fc.constant(path),
        params: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, idRef]))),
        query: queryFor(queryParams, g),
        body: bodyFor(op, g),
        headers: extraHeaders,
      });
      targets.push({ key: `${method.toUpperCase()} ${path}`, recipes, count: perOperation });
    }
  }
  targets.push({
    key: 'unrouted paths and methods',
    count: Math.max(50, Math.round(perOperation / 2)),
    recipes: fc.record({
      actor: actorFor(null),
      method: fc.constantFrom('GET', 'POST', 'PATCH', 'OPTIONS', 'DELETE', 'PUT', 'HEAD'),
      path: fc.oneof(
        fc.constantFrom(
          '',
          '/',
          '/v1',
          '/v1/',
          '/v1/nope',
          '/v2/partners',
          '/v1/partners/x/y/z',
          '/openapi.yaml',
          '/docs/x',
        ),
        fc.constantFrom(...Object.keys(doc.paths)),
        hostileString.map((s) => `/v1/${encodeAny(s)}`),
      ),
      params: fc.constant({}),
      query: fc.constant([]),
      body: strayBody,
      headers: extraHeaders,
    }),
  });
  return targets;
}

function queryFor(params: Parameter[], g: Generation): fc.Arbitrary<[string, string][]> {
  const each = params.map((p) =>
    fc.option(
      arbitraryFor(p.schema, { ...g, hostileOneIn: 5 }, p.name).map(
        (v) => [p.name, asText(v)] as [string, string],
      ),
      {
        freq: p.required ? 10 : 2,
      },
    ),
  );
  return fc
    .tuple(
      fc.tuple(...each),
      // Sometimes a parameter twice, or one nobody declared.
      fc.option(
        fc.tuple(
          fc.constantFrom(...(params.length ? params.map((p) => p.name) : ['x']), 'unknown'),
          hostileString,
        ),
        { freq: 4 },
      ),
    )
    .map(([values, extra]) => [
      ...values.filter((v): v is [string, string] => v !== null),
      ...(extra ? [extra as [string, string]] : []),
    ]);
}

function bodyFor(op: Operation, g: Generation): fc.Arbitrary<BodyRecipe> {
  const content = op.requestBody?.content ?? {};
  const json = content['application/json'];
  if (json) return jsonBody(mutatedFor(json.schema, g));
  const multipart = content['multipart/form-data'];
  if (multipart) {
    const properties = multipart.schema?.properties ?? {};
    const fields = Object.entries(properties).map(([name, schema]) => {
      const value: fc.Arbitrary<FieldValue> =
        schema.format === 'binary'
          ? fc.oneof(
              { weight: 8, arbitrary: fileValue },
              { weight: 1, arbitrary: hostileValue.map((v) => ({ text: asText(v) })) },
            )
          : fc.oneof(
              {
                weight: 8,
                arbitrary: arbitraryFor(schema, { ...g, hostileOneIn: 5 }, name).map((v) => ({
                  text: asText(v),
                })),
              },
              { weight: 1, arbitrary: fileValue },
            );
      return fc.option(
        value.map((v) => [name, v] as [string, FieldValue]),
        { freq: 8 },
      );
    });
    const form = fc.tuple(fc.tuple(...fields), fc.option(fileValue, { freq: 6 })).map(([values, second]) => [
      ...values.filter((v): v is [string, FieldValue] => v !== null),
      // A second file under the same name.
      ...(second ? [['file', second] as [string, FieldValue]] : []),
    ]);
    return formBody(form);
  }
  return strayBody;
}
