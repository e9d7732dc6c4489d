import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiRateLimit } from '@outpost/auth';
import type { Actor, FileStorage, Person } from '@outpost/core';
import type { Database, Session } from '@outpost/db';
import type { RouteEntry } from './route-table.ts';

export interface ApiDeps {
  db: Database;
  maxBodyBytes: number;
  /** Uploaded documents; the upload route has its own, larger body limit. */
  storage: FileStorage;
  maxUploadBytes: number;
  /** Base URL for links handed out (invitations). */
  publicUrl: string;
  /** Requests per API key and per session (the configuration's API_RATE_LIMIT_*; defaults otherwise). */
  rateLimit?: ApiRateLimit;
}

export type ApiEnv = {
  Variables: {
    requestId: string;
    /** Set by the auth middleware when the request carries a valid session. */
    person?: Person;
    session?: Session;
    actor?: Actor;
    /** Where the API is mounted ('/api' in the server, '' when used on its own in tests). */
    apiBase: string;
    /** Every route with its method and declared security (route-table.ts). */
    routeTable: RouteEntry[];
    /** The matched route's pattern (`/api/v1/partners/:id`), set on the way out, for the access log. */
    routePattern?: string;
  };
};

export type ApiApp = OpenAPIHono<ApiEnv>;
