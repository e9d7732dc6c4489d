import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './context.ts';
import { errorResponseFor } from './schemas.ts';

/**
 * Completes every operation of the document so generated clients work (issue 14, decision
 * record 044):
 *
 * - an `operationId` for each, unless the route declares its own: the method and the path's
 *   words in camelCase, a path parameter as `By<Name>` — `GET /v1/partners/{id}` is
 *   `getPartnersById`, `POST /v1/applications/{id}/assessment/report` is
 *   `postApplicationsByIdAssessmentReport`. Derived, so a new route never lacks one and an
 *   existing one never changes name while its path stays.
 * - the error answers the shared middleware gives on any operation (the input guard and body
 *   limit: 400, 413, 422; the authentication: 401 and, rate-limited, 429; a session's
 *   cross-site change, or an API key whose purposes the operation does not list: 403; our own bug: 500; the database briefly away: 503), each with the schema of that status, whose
 *   `code` lists exactly the codes of that status (`Error401`, `Error409`, …).
 */
export function completeOperations(app: OpenAPIHono<ApiEnv>): void {
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== 'route') continue;
    const route = definition.route as {
      method: string;
      path: string;
      operationId?: string;
      security?: Record<string, string[]>[];
      responses: Record<string, unknown>;
    };
    route.operationId ??= operationIdFor(route.method, route.path);
    // 503: the database briefly unavailable (a restart or failover; decision record 054).
    const statuses = [400, 413, 422, 500, 503];
    const secured = (route.security ?? []).length > 0;
    if (secured) statuses.push(401, 429);
    const changes = !['get', 'head', 'options'].includes(route.method);
    if (changes && (route.security ?? []).some((r) => 'session' in r)) statuses.push(403);
    // A key without a purpose the operation lists (a staff key on a partner operation, a partner
    // key on a staff one) is refused before the route runs (decision record 059).
    if ((route.security ?? []).some((r) => 'apiKey' in r)) statuses.push(403);
    for (const status of statuses) route.responses[String(status)] ??= errorResponseFor(status);
  }
}

export function operationIdFor(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'v1')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      return param ? `By${capitalise(param[1]!)}` : segment.split(/[-_.]/).map(capitalise).join('');
    });
  return `${method.toLowerCase()}${words.join('')}`;
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
