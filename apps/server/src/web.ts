import { createApi } from '@outpost/api';
import { createSlackEventsHandler } from '@outpost/bot';
import type { FileStorage, SlackGateway } from '@outpost/core';
import { type DatabaseConnection, migrationsCurrent } from '@outpost/db';
import { CLIENT_IP_HEADER } from '@outpost/auth';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sql } from 'drizzle-orm';
import type { Config } from './config.ts';
import type { PortalHandler } from './portal.ts';

export interface WebDeps {
  conn: DatabaseConnection;
  config: Config;
  slack: SlackGateway | null;
  portal: PortalHandler;
  storage: FileStorage;
}

/**
 * The one HTTP surface: health probes, the API under /api, Slack at /slack/events
 * (given the raw body — no parser runs before it), and everything else to the portal.
 */
export function createWebApp({ conn, config, slack, portal, storage }: WebDeps) {
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await conn.db.execute(sql`select 1`);
    } catch {
      return c.json({ status: 'unavailable', database: 'unreachable' }, 503);
    }
    if (!(await migrationsCurrent(conn)))
      return c.json({ status: 'unavailable', database: 'migrations pending' }, 503);
    return c.json({ status: 'ready', database: conn.kind });
  });

  app.route(
    '/api',
    createApi({
      db: conn.db,
      maxBodyBytes: config.maxBodyBytes,
      maxUploadBytes: config.uploadMaxBytes,
      storage,
      publicUrl: config.publicUrl,
    }),
  );

  const slackHandler =
    config.slack && slack
      ? createSlackEventsHandler({
          db: conn.db,
          signingSecret: config.slack.signingSecret,
          teamId: config.slack.teamId,
          slack,
          publicUrl: config.publicUrl,
        })
      : null;
  app.all('/slack/events', (c) =>
    slackHandler
      ? slackHandler(c.req.raw)
      : c.json(
          {
            error: {
              code: 'slack_not_configured',
              message: 'Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.',
              requestId: null,
              details: null,
            },
          },
          404,
        ),
  );

  // Portal form posts are small, except the no-JavaScript document upload: cap bodies at
  // the upload limit so no request makes the portal read an unbounded body.
  app.use(
    '*',
    bodyLimit({
      maxSize: config.uploadMaxBytes + 64 * 1024,
      onError: (c) => c.text('Request body too large', 413),
    }),
  );
  app.all('*', (c) => {
    // The portal sees a Fetch Request without the socket: hand it the client's address
    // in a header only we set, for its per-IP sign-in throttle.
    const headers = new Headers(c.req.raw.headers);
    headers.delete(CLIENT_IP_HEADER);
    const address = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
      ?.socket?.remoteAddress;
    if (address) headers.set(CLIENT_IP_HEADER, address);
    return portal(new Request(c.req.raw, { headers, duplex: 'half' } as RequestInit));
  });
  return app;
}
