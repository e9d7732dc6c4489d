import { IntlMessageFormat } from 'intl-messageformat';

/**
 * Messages with ICU arguments — `{count, plural, one {# member} other {# members}}`,
 * `{kind, select, …}`, `{total, number}` — are formatted by intl-messageformat (FormatJS),
 * which applies each language's plural rules (Intl.PluralRules) and number grouping.
 * Most messages only have `{name}` placeholders; translate() fills those itself (a page
 * renders hundreds of them and a compiled format costs more than a replace).
 */
const icuArgument = /\{\s*\w+\s*,\s*(?:plural|select|selectordinal|number|date|time)\s*[,}]/;

export function hasIcuArguments(template: string): boolean {
  return template.includes(',') && icuArgument.test(template);
}

const compiled = new Map<string, IntlMessageFormat>();

/** Formats an ICU message; a malformed message or a missing argument shows the template rather than failing. */
export function formatIcu(locale: string, template: string, params: Record<string, string | number>): string {
  const key = `${locale}\u0000${template}`;
  let format = compiled.get(key);
  try {
    if (!format) {
      // ignoreTag: messages may contain "<key>" literally (API hints); we never use rich-text tags.
      format = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true });
      compiled.set(key, format);
    }
    return String(format.format(numeric(params)));
  } catch {
    return template;
  }
}

/** Counts stored as text (notification parameters are JSON) still choose the right plural form. */
function numeric(params: Record<string, string | number>): Record<string, string | number> {
  let out: Record<string, string | number> | undefined;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) continue;
    out ??= { ...params };
    out[name] = Number(value);
  }
  return out ?? params;
}
