/**
 * What every response must be, whatever was sent: never a 5xx, never a stack trace, and
 * under /api every error in the documented shape with a documented code.
 */
const stackTrace = /\n\s+at .+[:(]\S+:\d+:\d+\)?|node_modules\/|file:\/\/\//;

export interface Finding {
  problem: string;
  status: number;
  excerpt: string;
}

export async function checkResponse(
  response: Response,
  options: { api: boolean; method: string; errorCodes: ReadonlySet<string> },
): Promise<Finding | null> {
  const text = await response.text();
  const finding = (problem: string): Finding => ({
    problem,
    status: response.status,
    excerpt: text.length > 500 ? `${text.slice(0, 500)}…` : text,
  });
  if (response.status >= 500) return finding(`answered ${response.status}`);
  if (stackTrace.test(text)) return finding('the body shows a stack trace or a file path');
  if (!options.api || response.status < 400 || options.method === 'HEAD') return null;
  if (!/application\/json/.test(response.headers.get('content-type') ?? ''))
    return finding(`an API error as ${response.headers.get('content-type') ?? 'no content type'}, not JSON`);
  let body: { error?: Record<string, unknown> };
  try {
    body = JSON.parse(text);
  } catch {
    return finding('an API error whose body is not JSON');
  }
  const error = body?.error;
  if (!error || typeof error !== 'object') return finding('an API error without { error }');
  const keys = Object.keys(error).sort().join(',');
  if (keys !== 'code,details,message,requestId')
    return finding(`error has keys ${keys}, not code, message, requestId, details`);
  if (typeof error.code !== 'string' || !options.errorCodes.has(error.code))
    return finding(`error code ${JSON.stringify(error.code)} is not in the documented list`);
  if (typeof error.message !== 'string' || error.message.length === 0)
    return finding('error without a message');
  if (error.requestId !== response.headers.get('x-request-id'))
    return finding('error.requestId differs from the X-Request-Id header');
  if (error.code === 'validation_failed') {
    // Field errors, when given, name each field as { path, message } (the portal and clients rely on the pair).
    const fields = (error.details as { fields?: unknown } | null)?.fields;
    const wellFormed = (f: unknown) =>
      typeof f === 'object' &&
      f !== null &&
      typeof (f as { path?: unknown }).path === 'string' &&
      typeof (f as { message?: unknown }).message === 'string';
    if (fields !== undefined && !(Array.isArray(fields) && fields.length > 0 && fields.every(wellFormed)))
      return finding('validation_failed whose details.fields are not [{ path, message }]');
  }
  if (response.status === 405 && !response.headers.get('allow'))
    return finding('405 without an Allow header');
  return null;
}
