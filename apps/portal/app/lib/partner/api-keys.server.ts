import { createApiKey, listApiKeys, revokeApiKey } from '@outpost/core';
import { partnerKeyScopes, type Database } from '@outpost/db';
import { formatDateTime, type Locale, translate } from '@outpost/i18n';
import { formText } from '../app-error.server';
import type { FormErrors } from '../form-errors';
import { domainErrorToForm } from './form-errors.server';
import type { PartnerActor } from './partner-viewer.server';

type Scope = (typeof partnerKeyScopes)[number];
const isScope = (value: string): value is Scope => (partnerKeyScopes as readonly string[]).includes(value);

/** The organisation's API keys (partner administrators; core refuses everyone else). */
export async function loadApiKeys(db: Database, actor: PartnerActor, locale: Locale) {
  const keys = await listApiKeys(db, actor);
  return {
    scopes: partnerKeyScopes,
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

export type ApiKeyActionResult =
  | { intent: 'create'; ok: true; name: string; key: string }
  | { intent: 'revoke'; ok: true; notice: string }
  | { intent: 'create' | 'revoke'; ok: false; status: number; errors: FormErrors; name?: string };

export async function createApiKeyAction(
  db: Database,
  actor: PartnerActor,
  form: FormData,
  locale: Locale,
): Promise<ApiKeyActionResult> {
  const name = formText(form, 'name').trim();
  const scopes = form.getAll('scopes').map(String).filter(isScope);
  const fields: Record<string, string> = {};
  if (!name) fields.name = translate(locale, 'partner-portal.apiKeys.nameRequired');
  if (scopes.length === 0) fields.scopes = translate(locale, 'partner-portal.apiKeys.scopesRequired');
  if (Object.keys(fields).length)
    return { intent: 'create', ok: false, status: 400, errors: { fields }, name };
  try {
    const created = await createApiKey(db, actor, { name, scopes });
    // The only time the full key exists outside the caller's system: it is never stored.
    return { intent: 'create', ok: true, name: created.apiKey.name, key: created.key };
  } catch (error) {
    const mapped = domainErrorToForm(error, locale, {
      name: translate(locale, 'partner-portal.apiKeys.nameRequired'),
      scopes: translate(locale, 'partner-portal.apiKeys.scopesRequired'),
    });
    if (!mapped) throw error;
    return { intent: 'create', ok: false, status: mapped.status, errors: mapped.errors, name };
  }
}

export async function revokeApiKeyAction(
  db: Database,
  actor: PartnerActor,
  form: FormData,
  locale: Locale,
): Promise<ApiKeyActionResult> {
  try {
    const revoked = await revokeApiKey(db, actor, formText(form, 'keyId').slice(0, 100));
    return {
      intent: 'revoke',
      ok: true,
      notice: translate(locale, 'partner-portal.apiKeys.revoked', { name: revoked.name }),
    };
  } catch (error) {
    const mapped = domainErrorToForm(error, locale);
    if (!mapped) throw error;
    return { intent: 'revoke', ok: false, status: mapped.status, errors: mapped.errors };
  }
}
