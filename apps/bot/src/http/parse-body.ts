/**
 * Slack posts interactions as `payload=<json>` (form-encoded), slash commands as plain
 * form fields, and Events API callbacks as JSON. Returns the body Bolt expects.
 */
export function parseSlackBody(rawBody: string, contentType: string | null): Record<string, unknown> {
  const type = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(rawBody);
    const payload = form.get('payload');
    if (payload !== null) return asObject(JSON.parse(payload));
    return Object.fromEntries(form);
  }
  if (type === 'application/json') return asObject(JSON.parse(rawBody));
  throw new UnsupportedBodyError(`unsupported content type ${type || '(none)'}`);
}

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UnsupportedBodyError('body is not a JSON object');
  }
  return value as Record<string, unknown>;
}

export class UnsupportedBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedBodyError';
  }
}
