/**
 * The portal's form actions, found the way a person finds them: every route of the
 * built portal that exports an action, each page fetched as each actor, and each
 * `<form method="post">` on it read for its fields (hidden intents, selects, checkboxes,
 * files). A new route or form is fuzzed the day it is built.
 */
export interface FormField {
  name: string;
  type: string;
  /** The value the page renders (hidden inputs, option and checkbox values). */
  values: string[];
}

export interface PortalForm {
  action: string;
  multipart: boolean;
  fields: FormField[];
}

interface BuildRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: { action?: unknown };
}

/** Full paths (with :params) of the routes that have an action. */
export function actionRoutes(routes: Record<string, BuildRoute | undefined>): string[] {
  const fullPath = (route: BuildRoute): string => {
    const parent = route.parentId ? routes[route.parentId] : undefined;
    const own = route.path ?? '';
    const base = parent ? fullPath(parent) : '';
    return own ? `${base.replace(/\/$/, '')}/${own}` : base;
  };
  const paths = Object.values(routes)
    .filter((r): r is BuildRoute => !!r && typeof r.module.action === 'function')
    .map((r) => {
      const path = fullPath(r) || '/';
      return r.index ? `${path}?index` : path;
    });
  return [...new Set(paths)].filter((p) => !p.includes('*'));
}

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attr = (tag: string, name: string) => {
  const match = tag.match(new RegExp(`\\s${name}="([^"]*)"`, 'i'));
  return match ? decode(match[1]!) : undefined;
};

/** The post forms of a page (React renders regular markup, so a regex reads it reliably). */
export function formsIn(html: string, pageUrl: string): PortalForm[] {
  const forms: PortalForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const open = match[1]!;
    if ((attr(open, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const body = match[2]!;
    const byName = new Map<string, FormField>();
    const add = (name: string | undefined, type: string, value: string | undefined) => {
      if (!name) return;
      const field = byName.get(name) ?? { name, type, values: [] };
      if (value !== undefined && !field.values.includes(value)) field.values.push(value);
      byName.set(name, field);
    };
    for (const [tag] of body.matchAll(/<input\b[^>]*>/gi))
      add(attr(tag, 'name'), attr(tag, 'type') ?? 'text', attr(tag, 'value'));
    for (const [tag] of body.matchAll(/<button\b[^>]*>/gi))
      add(attr(tag, 'name'), 'button', attr(tag, 'value'));
    for (const [tag] of body.matchAll(/<textarea\b[^>]*>/gi)) add(attr(tag, 'name'), 'textarea', undefined);
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attr(select[1]!, 'name');
      for (const [option] of select[2]!.matchAll(/<option\b[^>]*>/gi))
        add(name, 'select', attr(option, 'value'));
      add(name, 'select', undefined);
    }
    forms.push({
      action:
        new URL(attr(open, 'action') ?? pageUrl, 'http://localhost').pathname +
        (new URL(attr(open, 'action') ?? pageUrl, 'http://localhost').search || ''),
      multipart: (attr(open, 'enctype') ?? '').includes('multipart'),
      fields: [...byName.values()],
    });
  }
  return forms;
}

/** React Router's data URL for a form post without a page render (what its client sends). */
export function dataUrl(action: string): string {
  const url = new URL(action, 'http://localhost');
  const pathname = url.pathname === '/' ? '/_root.data' : `${url.pathname.replace(/\/$/, '')}.data`;
  return `${pathname}${url.search}`;
}
