/**
 * An audit entry's before/after as rows a person reads (decision record 053). Entries that
 * record `{ before, after }` become one row per field that differs (nested objects by dotted
 * path); any other data is shown as it is, one row per field with no "before".
 */
export interface Change {
  field: string;
  before: string | null;
  after: string | null;
}

const text = (v: unknown): string | null => {
  if (v === undefined) return null;
  if (v === null) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isRecord(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, value);
  }
}

export function changesOf(data: Record<string, unknown>): Change[] {
  if ('before' in data || 'after' in data) {
    const before = new Map<string, unknown>();
    const after = new Map<string, unknown>();
    flatten(data.before ?? {}, '', before);
    flatten(data.after ?? {}, '', after);
    const fields = [...new Set([...before.keys(), ...after.keys()])].filter((k) => k !== '');
    const changed = fields
      .filter((k) => JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)))
      .map((field) => ({ field, before: text(before.get(field)), after: text(after.get(field)) }));
    // The rest of the entry (a reason, a count) after the changed fields.
    const rest = Object.entries(data)
      .filter(([k]) => k !== 'before' && k !== 'after')
      .map(([field, v]) => ({ field, before: null, after: text(v) }));
    return [...changed, ...rest];
  }
  const flat = new Map<string, unknown>();
  flatten(data, '', flat);
  return [...flat.entries()]
    .filter(([k]) => k !== '')
    .map(([field, v]) => ({ field, before: null, after: text(v) }));
}
