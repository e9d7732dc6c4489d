import type { ApiApp } from './context.ts';
import type { Security } from './access.ts';

export interface RouteEntry {
  method: string;
  /** Hono's form, relative to the API's mount point: /v1/partners/:id */
  path: string;
  pattern: RegExp;
  /** Declared in the route's OpenAPI config; undefined for routes outside the document. */
  security: Security | undefined;
}

const toPattern = (path: string) =>
  new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[^/]+/g, '/[^/]+')}/?$`);

/**
 * Every route the API answers, with its method and declared security: what a 405 lists in
 * `Allow`, and what a 401 tells the caller to send. Built once after the routes are
 * registered (app.routes holds them; the OpenAPI registry holds their security).
 */
export function buildRouteTable(app: ApiApp): RouteEntry[] {
  const security = new Map<string, Security | undefined>();
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== 'route') continue;
    const path = definition.route.path.replace(/\{(\w+)\}/g, ':$1');
    security.set(`${definition.route.method.toUpperCase()} ${path}`, definition.route.security as Security);
  }
  return app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => ({
      method: r.method,
      path: r.path,
      pattern: toPattern(r.path),
      security: security.get(`${r.method} ${r.path}`),
    }));
}

/** The methods a path answers to (GET implies HEAD), empty when no route has that path. */
export function allowedMethods(table: RouteEntry[], path: string): string[] {
  const methods = new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods];
}

export function routeAt(table: RouteEntry[], method: string, routePath: string): RouteEntry | undefined {
  return table.find((r) => r.method === method && r.path === routePath);
}

/** The route a request will reach (registration order, as Hono matches), if any. */
export function matchRoute(table: RouteEntry[], method: string, path: string): RouteEntry | undefined {
  const wanted = method === 'HEAD' ? 'GET' : method;
  return table.find((r) => r.method === wanted && r.pattern.test(path));
}
