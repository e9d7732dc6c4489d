/**
 * Keeps a user-supplied "go back to" value on this site: only a path that starts
 * with a single "/" is accepted. "//evil.example", "/\evil.example", absolute URLs
 * and anything that would resolve to another origin fall back to `fallback`.
 */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // Browsers ignore tabs and newlines inside URLs, so "/\t/evil.example" is "//evil.example".
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback;
  const base = 'http://outpost.invalid';
  try {
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
