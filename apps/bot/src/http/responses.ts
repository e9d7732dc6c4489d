/** Error bodies in the shape the rest of Outpost's HTTP surface uses. */
export function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message, requestId: null, details: null } }, { status });
}

/** What a Bolt `ack(…)` argument becomes on the wire: nothing, text, or JSON (e.g. a command reply). */
export function ackResponse(response: unknown): Response {
  if (response === undefined || response === null || response === '')
    return new Response(null, { status: 200 });
  if (typeof response === 'string') {
    return new Response(response, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  return Response.json(response, { status: 200 });
}
