import { createApi, MAX_EVENT_BATCH_BYTES } from '@outpost/api';
import { createSlackEventsHandler } from '@outpost/bot';
import type { FileStorage, SlackGateway } from '@outpost/core';
import { type DatabaseConnection, migrationsCurrent } from '@outpost/db';
import { CLIENT_IP_HEADER, clientAddress } from '@outpost/auth';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sql } from 'drizzle-orm';
import type { Config } from './config.ts';
import type { PortalHandler } from './portal.ts';
import { CSP_NONCE_HEADER, securityHeaders } from './security-headers.ts';
import { observeRequests } from './operating/access-log.ts';
import { type Metrics, metricsHandler } from './operating/metrics.ts';

export interface WebDeps {
  conn: DatabaseConnection;
  config: Config;
  slack: SlackGateway | null;
  portal: PortalHandler;
  storage: FileStorage;
  /** `npm run dev`: Vite's inline scripts carry no nonce. */
  development?: boolean;
  /** Request timings and the database figures of GET /metrics (decision record 044); null: none. */
  metrics?: Metrics | null;
}

/**
 * The one HTTP surface: health probes, the API under /api, Slack at /slack/events
 * (given the raw body — no parser runs before it), and everything else to the portal.
 */
export function createWebApp({ conn, config, slack, portal, storage, development, metrics }: WebDeps) {
  const app = new Hono<{ Variables: { cspNonce: string } }>();

  // First: the request id and its context, the access line and the timing (operating/access-log.ts).
  app.use('*', observeRequests(metrics ?? null));
  app.use('*', securityHeaders({ development }));
  // In front of every route, Slack included, and counted as the body streams in (a missing or
  // false Content-Length changes nothing). Slack's payloads are small; the API's routes set
  // tighter limits of their own under the largest of them (an upload, an event batch); the
  // portal's largest post is the no-JavaScript upload.
  const slackLimit = bodyLimit({ maxSize: config.maxBodyBytes, onError: tooLarge(config.maxBodyBytes) });
  const largest = Math.max(config.uploadMaxBytes + 64 * 1024, MAX_EVENT_BATCH_BYTES);
  const generalLimit = bodyLimit({ maxSize: largest, onError: tooLarge(largest) });
  app.use('*', (c, next) => (c.req.path === '/slack/events' ? slackLimit(c, next) : generalLimit(c, next)));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/metrics', metricsHandler(metrics ?? null, config.metricsToken));
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
      rateLimit: config.apiRateLimit,
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

  app.all('*', (c) => {
    // The portal sees a Fetch Request without the socket: hand it the client's address (for
    // its per-IP sign-in throttle) and this response's CSP nonce in headers only we set.
    const headers = new Headers(c.req.raw.headers);
    headers.delete(CLIENT_IP_HEADER);
    headers.set(CSP_NONCE_HEADER, c.get('cspNonce'));
    const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
      ?.socket?.remoteAddress;
    const address = clientAddress(c.req.header('x-forwarded-for'), socket);
    if (address) headers.set(CLIENT_IP_HEADER, address);
    return portal(new Request(c.req.raw, { headers, duplex: 'half' } as RequestInit));
  });
  return app;
}

const tooLarge = (maxBytes: number) => (c: Context) =>
  c.json(
    {
      error: {
        code: 'payload_too_large',
        message: `The request body is larger than ${maxBytes} bytes.`,
        requestId: null,
        details: { maxBytes },
      },
    },
    413,
  );
