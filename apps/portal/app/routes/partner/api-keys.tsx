import { Alert, Badge, EmptyState, TextField } from '@outpost/ui';
import { data, Form, useNavigation } from 'react-router';
import { ApiKeyUsage } from '../../components/partner/api-key-usage';
import { ConfirmDisclosure } from '../../components/partner/confirm-disclosure';
import { SecretField } from '../../components/partner/secret-field';
import { formText, orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { createApiKeyAction, loadApiKeys, revokeApiKeyAction } from '../../lib/partner/api-keys.server';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { routeError } from '../../lib/route-error';
import type { Route } from './+types/api-keys';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  // Partner members get core's "forbidden" as a 403 page.
  const loaded = await orRouteError(locale, () => loadApiKeys(deps.db, actor, locale));
  return { ...loaded, origin: deps.publicUrl.replace(/\/$/, '') };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const form = await request.formData();
  const intent = formText(form, 'intent');
  const run = intent === 'create' ? createApiKeyAction : intent === 'revoke' ? revokeApiKeyAction : null;
  if (!run) throw routeError(locale, 400, 'errors.refused');
  const result = await run(deps.db, actor, form, locale);
  return data({ ...result, at: Date.now() }, { status: result.ok ? 200 : result.status });
}

/** API keys for the organisation's own systems: create (shown once), list, revoke. */
export default function PartnerApiKeys({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { keys, scopes, origin } = loaderData;
  const created = actionData?.ok && actionData.intent === 'create' ? actionData : null;
  const revoked = actionData?.ok && actionData.intent === 'revoke' ? actionData : null;
  const failed = actionData && !actionData.ok ? actionData : null;
  const createErrors = failed?.intent === 'create' ? failed.errors : null;
  const busy = (intent: string) =>
    navigation.state === 'submitting' && navigation.formData?.get('intent') === intent;
  return (
    <div className="page page--medium">
      <title>{`${t('partner-portal.apiKeys.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('partner.homeTitle')}</p>
        <h1>{t('partner-portal.apiKeys.title')}</h1>
        <p className="muted">{t('partner-portal.apiKeys.intro')}</p>
      </header>

      {created ? (
        <section className="card stack new-key" aria-labelledby="new-key-heading">
          <h2 id="new-key-heading">{t('partner-portal.apiKeys.createdTitle', { name: created.name })}</h2>
          <Alert tone="info">{t('partner-portal.apiKeys.onceWarning')}</Alert>
          <SecretField label={t('partner-portal.apiKeys.keyLabel')} value={created.key} />
        </section>
      ) : null}
      {revoked ? <Alert tone="success">{revoked.notice}</Alert> : null}
      <ApiKeyUsage origin={origin} apiKey={created?.key} />
      {failed?.intent === 'revoke' && failed.errors.form ? (
        <Alert tone="error">{failed.errors.form}</Alert>
      ) : null}

      <section className="card stack" aria-labelledby="keys-heading">
        <h2 id="keys-heading">{t('partner-portal.apiKeys.list')}</h2>
        {keys.length === 0 ? (
          <EmptyState title={t('partner-portal.apiKeys.empty')} />
        ) : (
          <ul className="key-list">
            {keys.map((k) => (
              <li key={k.id} className="key-list__item">
                <div className="key-list__head">
                  <h3 className="key-list__name">{k.name}</h3>
                  {k.revoked ? (
                    <Badge tone="neutral">{t('partner-portal.apiKeys.revokedAt', { when: k.revoked })}</Badge>
                  ) : (
                    <Badge tone="positive">{t('partner-portal.apiKeys.active')}</Badge>
                  )}
                </div>
                <dl className="key-list__facts">
                  <div>
                    <dt>{t('partner-portal.apiKeys.prefix')}</dt>
                    <dd className="mono">{k.prefix}</dd>
                  </div>
                  <div>
                    <dt>{t('partner-portal.apiKeys.scopes')}</dt>
                    <dd>
                      {k.scopes.map((s) => t(`partner-portal.apiKeys.scopeShort.${s}` as never)).join(', ')}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('partner-portal.apiKeys.createdAt')}</dt>
                    <dd>
                      <time dateTime={k.createdAt}>{k.created}</time>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('partner-portal.apiKeys.lastUsed')}</dt>
                    <dd>{k.lastUsed ?? t('partner-portal.apiKeys.never')}</dd>
                  </div>
                </dl>
                {k.revoked ? null : (
                  <ConfirmDisclosure label={t('partner-portal.apiKeys.revoke')}>
                    <p>{t('partner-portal.apiKeys.revokeWarning', { name: k.name })}</p>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="keyId" value={k.id} />
                      <button type="submit" className="button button--danger" disabled={busy('revoke')}>
                        {t('partner-portal.apiKeys.revokeConfirm', { name: k.name })}
                      </button>
                    </Form>
                  </ConfirmDisclosure>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card stack" aria-labelledby="create-key-heading">
        <h2 id="create-key-heading">{t('partner-portal.apiKeys.createTitle')}</h2>
        {createErrors?.form ? <Alert tone="error">{createErrors.form}</Alert> : null}
        <Form
          method="post"
          noValidate
          className="stack"
          key={created ? `create-${actionData?.at}` : 'create'}
        >
          <input type="hidden" name="intent" value="create" />
          <TextField
            name="name"
            label={t('partner-portal.apiKeys.name')}
            hint={t('partner-portal.apiKeys.nameHint')}
            required
            maxLength={100}
            autoComplete="off"
            defaultValue={failed?.intent === 'create' ? failed.name : undefined}
            error={createErrors?.fields?.name}
          />
          <fieldset
            className={
              createErrors?.fields?.scopes ? 'checkbox-group checkbox-group--invalid' : 'checkbox-group'
            }
            aria-describedby={createErrors?.fields?.scopes ? 'scopes-error' : undefined}
          >
            <legend>{t('partner-portal.apiKeys.scopes')}</legend>
            {scopes.map((s) => (
              <label key={s} className="checkbox">
                <input type="checkbox" name="scopes" value={s} defaultChecked={s === 'documents'} />
                {t(`partner-portal.apiKeys.scope.${s}` as never)}
              </label>
            ))}
            {createErrors?.fields?.scopes ? (
              <p id="scopes-error" className="ui-field__error">
                {createErrors.fields.scopes}
              </p>
            ) : null}
          </fieldset>
          <div>
            <button type="submit" className="button button--primary" disabled={busy('create')}>
              {t('partner-portal.apiKeys.create')}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
