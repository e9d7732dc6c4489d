import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Slack Web API on 127.0.0.1, for tests: the only thing Outpost's tests fake
 * is Slack, at its HTTP boundary. It records every request (also failed ones),
 * answers the methods Outpost uses the way Slack does (HTTP 200 with `ok: false` for
 * API errors), keeps posted messages so chat.update behaves like Slack's, and can be
 * switched down (503), unreachable (connection refused) or rate limited (429).
 */
export interface SlackCall {
  method: string;
  /** Request path: `/api/<method>`, or `/response/<id>` for a response_url. */
  path: string;
  args: Record<string, unknown>;
  token: string | null;
  /** HTTP status the fake answered with. */
  status: number;
  /** `ok` of the answer (false for 503/429 and API errors). */
  ok: boolean;
}

export interface FakeSlackUser {
  id: string;
  teamId?: string;
  email?: string;
  locale?: string;
  name?: string;
  isBot?: boolean;
  deleted?: boolean;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  updates: number;
}

export interface FakeSlackApi {
  /** Pass as `slackApiUrl` / SLACK_API_URL. */
  readonly apiUrl: string;
  /** A response_url for an interaction or command; replies to it are recorded as method "response_url". */
  responseUrl(id?: string): string;
  readonly calls: SlackCall[];
  /** Successful calls of one method. */
  succeeded(method: string): SlackCall[];
  readonly messages: Map<string, FakeMessage>;
  addUser(user: FakeSlackUser): void;
  /** Answer every request with this status (503 by default), like an outage. */
  goDown(status?: number): void;
  /** Stop listening: connections are refused until recover(). */
  goUnreachable(): Promise<void>;
  /** Answer 429 with Retry-After until recover(). */
  rateLimit(retryAfterSeconds: number): void;
  recover(): Promise<void>;
  /** Delay every answer (to make concurrent callers overlap). */
  setLatency(ms: number): void;
  /**
   * Enforce Slack's chat.postMessage limit: a post to a channel less than `intervalMs` after the
   * last accepted post there is answered 429 with Retry-After (whole seconds, at least 1). `null` lifts it.
   */
  limitPostsPerChannel(intervalMs: number | null): void;
  /** Resolves with the first recorded call matching, polling until timeoutMs. */
  waitForCall(match: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  reset(): void;
  close(): Promise<void>;
}

type Mode =
  | { kind: 'up' }
  | { kind: 'down'; status: number }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

export async function startFakeSlackApi(
  options: { token?: string; teamId?: string } = {},
): Promise<FakeSlackApi> {
  const teamId = options.teamId ?? 'T0OUTPOST';
  const calls: SlackCall[] = [];
  const messages = new Map<string, FakeMessage>();
  const users = new Map<string, FakeSlackUser>();
  let mode: Mode = { kind: 'up' };
  let latencyMs = 0;
  let sequence = 0;
  let postIntervalMs: number | null = null;
  const lastPostAt = new Map<string, number>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', base);
    const method = url.pathname.startsWith('/response/')
      ? 'response_url'
      : url.pathname.replace(/^\/api\//, '');
    const args = parseArgs(raw, req.headers['content-type']);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ')
      ? auth.slice(7)
      : typeof args.token === 'string'
        ? args.token
        : null;
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));

    const send = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      calls.push({ method, path: url.pathname, args, token, status, ok: status === 200 && body.ok === true });
      res
        .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        .end(JSON.stringify(body));
    };

    if (mode.kind === 'down') return send(mode.status, { ok: false, error: 'service_unavailable' });
    if (mode.kind === 'rate_limited') {
      return send(
        429,
        { ok: false, error: 'ratelimited' },
        { 'retry-after': String(mode.retryAfterSeconds) },
      );
    }
    if (method !== 'response_url' && options.token && token !== options.token)
      return send(200, { ok: false, error: 'invalid_auth' });
    if (method === 'chat.postMessage' && postIntervalMs !== null) {
      const channel = String(args.channel ?? '');
      const since = Date.now() - (lastPostAt.get(channel) ?? Number.NEGATIVE_INFINITY);
      if (since < postIntervalMs) {
        const retryAfter = Math.max(1, Math.ceil((postIntervalMs - since) / 1000));
        return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
      }
      lastPostAt.set(channel, Date.now());
    }
    send(200, answer(method, args));
  }

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'response_url':
        return { ok: true };
      case 'auth.test':
        return {
          ok: true,
          team_id: teamId,
          user_id: 'UOUTPOSTBOT',
          bot_id: 'BOUTPOST',
          team: 'Outpost test',
        };
      case 'chat.postMessage': {
        const requested = String(args.channel ?? '');
        if (!requested) return { ok: false, error: 'channel_not_found' };
        if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
        // Posting to a user id opens (or reuses) the DM with the bot, as Slack does.
        const channel = requested.startsWith('U') ? `D${requested.slice(1)}` : requested;
        const ts = `1700000000.${String(++sequence).padStart(6, '0')}`;
        const message = {
          channel,
          ts,
          text: String(args.text ?? ''),
          blocks: (args.blocks as unknown[]) ?? [],
          updates: 0,
        };
        messages.set(`${channel}/${ts}`, message);
        return {
          ok: true,
          channel,
          ts,
          message: { type: 'message', ts, text: message.text, blocks: message.blocks, bot_id: 'BOUTPOST' },
        };
      }
      case 'chat.update': {
        const message = messages.get(`${args.channel}/${args.ts}`);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = String(args.text ?? message.text);
        message.blocks = (args.blocks as unknown[]) ?? message.blocks;
        message.updates++;
        return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
      }
      case 'chat.postEphemeral':
        return args.channel && args.user
          ? { ok: true, message_ts: `1700000000.${String(++sequence).padStart(6, '0')}` }
          : { ok: false, error: 'channel_not_found' };
      case 'users.info': {
        const user = users.get(String(args.user));
        return user
          ? {
              ok: true,
              user: slackUser(user, args.include_locale === true || args.include_locale === 'true'),
            }
          : { ok: false, error: 'user_not_found' };
      }
      case 'users.lookupByEmail': {
        const email = String(args.email ?? '').toLowerCase();
        const user = [...users.values()].find((u) => u.email?.toLowerCase() === email);
        return user ? { ok: true, user: slackUser(user, false) } : { ok: false, error: 'users_not_found' };
      }
      case 'views.open':
        return args.trigger_id
          ? { ok: true, view: { id: `V${++sequence}`, ...(args.view as object) } }
          : { ok: false, error: 'invalid_trigger_id' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  function slackUser(user: FakeSlackUser, withLocale: boolean) {
    return {
      id: user.id,
      team_id: user.teamId ?? teamId,
      name: user.name ?? user.id.toLowerCase(),
      deleted: user.deleted ?? false,
      is_bot: user.isBot ?? false,
      ...(withLocale ? { locale: user.locale ?? 'en-US' } : {}),
      profile: { email: user.email, real_name: user.name ?? user.id },
    };
  }

  async function listen() {
    if (server.listening) return;
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
  }

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id = String(++sequence)) => `${base}/response/${id}`,
    calls,
    succeeded: (method) => calls.filter((c) => c.method === method && c.ok),
    messages,
    addUser: (user) => void users.set(user.id, user),
    goDown: (status = 503) => {
      mode = { kind: 'down', status };
    },
    async goUnreachable() {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
    rateLimit: (retryAfterSeconds) => {
      mode = { kind: 'rate_limited', retryAfterSeconds };
    },
    async recover() {
      mode = { kind: 'up' };
      await listen();
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    limitPostsPerChannel: (intervalMs) => {
      postIntervalMs = intervalMs;
      lastPostAt.clear();
    },
    async waitForCall(match, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.find(match);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `No matching Slack call within ${timeoutMs} ms; calls so far: ${calls.map((c) => c.method).join(', ') || 'none'}`,
          );
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    reset() {
      calls.length = 0;
      messages.clear();
      mode = { kind: 'up' };
      latencyMs = 0;
      postIntervalMs = null;
      lastPostAt.clear();
    },
    async close() {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The Web API client sends form fields with JSON-encoded structures; Bolt's respond() sends JSON. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return args;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
