import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request id of what is running now: an HTTP request (web.ts sets it once per request,
 * before the API, Slack or the portal see it) or a job the worker runs for one. Every log line
 * written meanwhile carries it (logger.ts), and every outbox row enqueued meanwhile stores it
 * (db/schema/notifications.ts), so the worker's lines about delivering a message name the
 * request that caused it.
 */
const store = new AsyncLocalStorage<{ requestId: string }>();

/** What an incoming X-Request-Id may be to be kept (else a new one is made). */
export const SANE_REQUEST_ID = /^[\w.:-]{1,100}$/;

/** The caller's X-Request-Id when sane (letters, digits, `_ . : -`, at most 100), else a new UUID. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

export function withRequestId<T>(requestId: string, run: () => T): T {
  return store.run({ requestId }, run);
}

export function currentRequestId(): string | undefined {
  return store.getStore()?.requestId;
}
