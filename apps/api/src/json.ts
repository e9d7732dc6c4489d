/**
 * Rows carry Dates; JSON carries ISO strings. Route handlers return `json(value)` so the
 * declared OpenAPI response types (strings for timestamps) line up with what is sent.
 */
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI schema declares the wire shape
export const json = <T>(value: T): any => JSON.parse(JSON.stringify(value));
