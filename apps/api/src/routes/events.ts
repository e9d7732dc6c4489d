import { createRoute, z } from '@hono/zod-openapi';
import { AppError, ingestEvents, MAX_EVENTS_PER_BATCH, serviceEventSchema } from '@outpost/core';
import { bodyLimit } from 'hono/body-limit';
import { keyOrSession } from '../access.ts';
import type { ApiApp, ApiDeps } from '../context.ts';
import { requireActor } from '../middleware/authenticate.ts';
import { jsonBodyGuard } from '../middleware/input-guard.ts';
import { errorResponses } from '../schemas.ts';

/** 5,000 events of up to ~1 KiB each, plus the envelope. Larger than the general body limit on purpose. */
export const MAX_EVENT_BATCH_BYTES = 6 * 1024 * 1024;

const ingest = createRoute({
  method: 'post',
  path: '/v1/events',
  ...keyOrSession('events'),
  tags: ['Performance'],
  summary: `Send up to ${MAX_EVENTS_PER_BATCH} service events (API key with scope "events", or staff naming partnerId)`,
  description: [
    'All or nothing: if any event is invalid nothing is stored and `error.details.events` lists each bad one as { index, externalId, reason, issues }: `issues` names every bad field as { path, code, params, message } (codes such as required, invalid_type, invalid_datetime, too_big, not_for_type, in_future, duplicate_id), `reason` is the same in one English sentence.',
    'Idempotent: an event whose externalId was already received for your partner is counted under `duplicates` and stored once; retrying a whole batch is always safe.',
    'Events are immutable; to change one, send a `correction` naming its externalId and then the right event under a new externalId.',
    'Timestamps are ISO 8601 with a zone; occurredAt may be at most 5 minutes in the future.',
  ].join('\n\n'),
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          // Events are validated one by one in core so that errors name each event's index;
          // here they are documented, not checked.
          schema: z.object({
            partnerId: z
              .string()
              .max(100)
              .optional()
              .openapi({ description: 'Staff only; an API key may omit it (or must name its own partner).' }),
            events: z
              .array(z.unknown())
              .openapi({ type: 'array', items: { $ref: '#/components/schemas/ServiceEvent' } }),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'Stored (new events) and skipped (already received) counts',
      content: {
        'application/json': {
          schema: z
            .object({ batchId: z.uuid(), accepted: z.number().int(), duplicates: z.number().int() })
            .openapi('EventBatchResult'),
        },
      },
    },
    ...errorResponses(400, 401, 403, 404, 409, 413, 422),
  },
});

export function eventRoutes(app: ApiApp, { db }: ApiDeps) {
  // Core's schema is plain zod (no .openapi()); publish it as JSON Schema, which OpenAPI 3.1 embeds as is.
  const { $schema: _, ...eventJsonSchema } = z.toJSONSchema(serviceEventSchema, {
    io: 'input',
    unrepresentable: 'any',
  });
  app.openAPIRegistry.registerComponent('schemas', 'ServiceEvent', eventJsonSchema as never);
  // A full batch is bigger than the general limit (app.ts skips that one for this path).
  app.use(
    '/v1/events',
    bodyLimit({
      maxSize: MAX_EVENT_BATCH_BYTES,
      onError: () => {
        throw new AppError(
          'payload_too_large',
          `An event batch may be at most ${MAX_EVENT_BATCH_BYTES} bytes; send smaller batches.`,
          {
            details: { maxBytes: MAX_EVENT_BATCH_BYTES, maxEvents: MAX_EVENTS_PER_BATCH },
          },
        );
      },
    }),
    jsonBodyGuard,
  );
  app.openapi(ingest, async (c) => c.json(await ingestEvents(db, requireActor(c), c.req.valid('json')), 200));
}
