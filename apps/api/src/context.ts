import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor, FileStorage, Person } from '@outpost/core';
import type { Database, Session } from '@outpost/db';

export interface ApiDeps {
  db: Database;
  maxBodyBytes: number;
  /** Uploaded documents; the upload route has its own, larger body limit. */
  storage: FileStorage;
  maxUploadBytes: number;
  /** Base URL for links handed out (invitations). */
  publicUrl: string;
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
