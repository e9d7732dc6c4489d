import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor, Person } from '@outpost/core';
import type { Database, Session } from '@outpost/db';

export interface ApiDeps {
  db: Database;
  maxBodyBytes: number;
}

export type ApiEnv = {
  Variables: {
    requestId: string;
    /** Set by the auth middleware when the request carries a valid session. */
    person?: Person;
    session?: Session;
    actor?: Actor;
  };
};

export type ApiApp = OpenAPIHono<ApiEnv>;
