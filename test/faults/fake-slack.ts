import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Slack's Web API at its wire, with faults chosen per message: a message whose text carries
 * `faults:<fault>:<n>` gets the fault on its FIRST attempt only, and is accepted afterwards.
 * - `500`: HTTP 500.
 * - `429`: HTTP 429 with Retry-After: 2.
 * - `hang`: no answer at all (the client's timeout must give up; the message was NOT posted).
 * - `kill`: no answer, and `onHang` is told which bot token (= which worker) is waiting, so the
 *   run can SIGKILL that process mid-delivery.
 * Every accepted post is recorded per marker: two accepted posts of one marker is a duplicate.
 */
export interface Accepted {
  marker: string;
  token: string | null;
  at: number;
}

export interface FaultySlack {
  apiUrl: string;
  accepted: Accepted[];
  /** Attempts per marker (every request that reached us, whatever we answered). */
  attempts: Map<string, number>;
  onHang: ((marker: string, token: string | null) => void) | null;
  close(): Promise<void>;
}

const MARKER = /faults:[a-z0-9]+:[a-z0-9-]+/;

export async function startFaultySlack(): Promise<FaultySlack> {
  const accepted: Accepted[] = [];
  const attempts = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  let sequence = 0;
  const state: FaultySlack = {
    apiUrl: '',
    accepted,
    attempts,
    onHang: null,
    async close() {
      for (const res of hanging) res.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    const args = parseArgs(raw, req.headers['content-type']);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
    const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      res
        .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        .end(JSON.stringify(body));

    if (method === 'auth.test') {
      return json(200, { ok: true, team_id: 'T0OUTPOST', user_id: 'UOUTPOSTBOT', bot_id: 'BOUTPOST' });
    }
    if (method !== 'chat.postMessage') return json(200, { ok: false, error: 'unknown_method' });
    const marker = MARKER.exec(String(args.text ?? ''))?.[0];
    if (!marker) {
      // Not one of ours (a message the product sent on its own): accepted, not counted.
      const ts = `1700000000.${String(++sequence).padStart(6, '0')}`;
      return json(200, { ok: true, channel: String(args.channel), ts, message: { ts, text: args.text } });
    }
    const attempt = (attempts.get(marker) ?? 0) + 1;
    attempts.set(marker, attempt);
    const fault = marker.split(':')[1];
    if (attempt === 1 && fault === '500') return json(500, { ok: false, error: 'internal_error' });
    if (attempt === 1 && fault === '429') {
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '2' });
    }
    if (attempt === 1 && (fault === 'hang' || fault === 'kill')) {
      // Never answered: the caller times out or dies; nothing was posted.
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      if (fault === 'kill') state.onHang?.(marker, token);
      return;
    }
    accepted.push({ marker, token, at: Date.now() });
    const ts = `1700000000.${String(++sequence).padStart(6, '0')}`;
    return json(200, { ok: true, channel: String(args.channel), ts, message: { ts, text: args.text } });
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  state.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return state;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The Web API client sends form fields (JSON-encoded structures inside). */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}
