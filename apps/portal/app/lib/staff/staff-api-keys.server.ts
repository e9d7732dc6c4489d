import { createStaffApiKey, listStaffApiKeys, revokeStaffApiKey, type Actor } from '@outpost/core';
import { type Database, staffKeyScopes } from '@outpost/db';
import { formatDateTime, type Locale, translate } from '@outpost/i18n';
import { formText } from '../app-error.server';
import type { FormErrors } from '../form-errors';
import { domainErrorToForm } from '../partner/form-errors.server';

type Scope = (typeof staffKeyScopes)[number];
const isScope = (value: string): value is Scope => (staffKeyScopes as readonly string[]).includes(value);

/** The staff keys (administrators; core refuses everyone else). Decision record 059. */
export async function loadStaffApiKeys(db: Database, actor: Actor, locale: Locale) {
  const keys = await listStaffApiKeys(db, actor);
  return {
    scopes: staffKeyScopes,
    keys: keys.map((k) => ({
      id: k.id,
      name: k.name,
      scopes: k.scopes,
      prefix: k.prefix,
      createdAt: k.createdAt.toISOString(),
      created: formatDateTime(locale, k.createdAt),
      lastUsed: k.lastUsedAt ? formatDateTime(locale, k.lastUsedAt) : null,
      revoked: k.revokedAt ? formatDateTime(locale, k.revokedAt) : null,
    })),
  };
}

export type StaffApiKeyActionResult =
  | { intent: 'create'; ok: true; name: string; key: string }
  | { intent: 'revoke'; ok: true; notice: string }
  | { intent: 'create' | 'revoke'; ok: false; status: number; errors: FormErrors; name?: string };

export async function createStaffApiKeyAction(
  db: Database,
  actor: Actor,
  form: FormData,
  locale: Locale,
): Promise<StaffApiKeyActionResult> {
  const name = formText(form, 'name').trim();
  const scopes = form.getAll('scopes').map(String).filter(isScope);
  const fields: Record<string, string> = {};
  if (!name) fields.name = translate(locale, 'api.staffKeys.nameRequired');
  if (scopes.length === 0) fields.scopes = translate(locale, 'api.staffKeys.scopesRequired');
  if (Object.keys(fields).length)
    return { intent: 'create', ok: false, status: 400, errors: { fields }, name };
  try {
    const created = await createStaffApiKey(db, actor, { name, scopes });
    return { intent: 'create', ok: true, name: created.apiKey.name, key: created.key };
  } catch (error) {
    const mapped = domainErrorToForm(error, locale, {
      name: translate(locale, 'api.staffKeys.nameRequired'),
      scopes: translate(locale, 'api.staffKeys.scopesRequired'),
    });
    if (!mapped) throw error;
    return { intent: 'create', ok: false, status: mapped.status, errors: mapped.errors, name };
  }
}

export async function revokeStaffApiKeyAction(
  db: Database,
  actor: Actor,
  form: FormData,
  locale: Locale,
): Promise<StaffApiKeyActionResult> {
  try {
    const revoked = await revokeStaffApiKey(db, actor, formText(form, 'keyId').slice(0, 100));
    return {
      intent: 'revoke',
      ok: true,
      notice: translate(locale, 'api.staffKeys.revoked', { name: revoked.name }),
    };
  } catch (error) {
    const mapped = domainErrorToForm(error, locale);
    if (!mapped) throw error;
    return { intent: 'revoke', ok: false, status: mapped.status, errors: mapped.errors };
  }
}
