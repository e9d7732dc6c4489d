const escapes: Record<string, string> = {
  '&': '\\u0026',
  '>': '\\u003e',
  '<': '\\u003c',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * A value as JSON that is safe inside an inline <script>: no "</script>" or "<!--" can end or
 * change the script, and no line separator can break it (as React Router escapes its own).
 * The result is still valid JSON, and JSON.parse gives the value back.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[&><\u2028\u2029]/g, (c) => escapes[c]!);
}
