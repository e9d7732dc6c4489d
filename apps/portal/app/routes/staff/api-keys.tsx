import { Alert, Badge, EmptyState, TextField } from '@outpost/ui';
import { data, Form, useNavigation } from 'react-router';
import { ConfirmDisclosure } from '../../components/partner/confirm-disclosure';
import { SecretField } from '../../components/partner/secret-field';
import { depsContext, localeContext } from '../../context';
import { formText, orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import {
  createStaffApiKeyAction,
  loadStaffApiKeys,
  revokeStaffApiKeyAction,
} from '../../lib/staff/staff-api-keys.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/api-keys';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  // Staff other than administrators get core's "forbidden" as a 403 page.
  return orRouteError(locale, () => loadStaffApiKeys(context.get(depsContext).db, person.actor, locale));
}

export async function action({ context, request }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const form = await request.formData();
  const intent = formText(form, 'intent');
  const run =
    intent === 'create' ? createStaffApiKeyAction : intent === 'revoke' ? revokeStaffApiKeyAction : null;
  if (!run) throw routeError(locale, 400, 'errors.refused');
  const result = await run(context.get(depsContext).db, person.actor, form, locale);
  return data({ ...result, at: Date.now() }, { status: result.ok ? 200 : result.status });
}

/** Staff API keys for the insurer's own systems (decision record 059): create (shown once), list, revoke. */
export default function StaffApiKeys({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { keys, scopes } = loaderData;
  const created = actionData?.ok && actionData.intent === 'create' ? actionData : null;
  const revoked = actionData?.ok && actionData.intent === 'revoke' ? actionData : null;
  const failed = actionData && !actionData.ok ? actionData : null;
  const createErrors = failed?.intent === 'create' ? failed.errors : null;
  const busy = (intent: string) =>
    navigation.state === 'submitting' && navigation.formData?.get('intent') === intent;
  return (
    <div className="page page--medium">
      <title>{`${t('api.staffKeys.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <h1>{t('api.staffKeys.title')}</h1>
        <p className="muted">{t('api.staffKeys.intro')}</p>
        <p className="muted">{t('api.staffKeys.usage')}</p>
      </header>

      {created ? (
        <section className="card stack new-key" aria-labelledby="new-key-heading">
          <h2 id="new-key-heading">{t('api.staffKeys.createdTitle', { name: created.name })}</h2>
          <Alert tone="info">{t('api.staffKeys.onceWarning')}</Alert>
          <SecretField label={t('api.staffKeys.keyLabel')} value={created.key} />
        </section>
      ) : null}
      {revoked ? <Alert tone="success">{revoked.notice}</Alert> : null}
      {failed?.intent === 'revoke' && failed.errors.form ? (
        <Alert tone="error">{failed.errors.form}</Alert>
      ) : null}

      <section className="card stack" aria-labelledby="keys-heading">
        <h2 id="keys-heading">{t('api.staffKeys.list')}</h2>
        {keys.length === 0 ? (
          <EmptyState title={t('api.staffKeys.empty')} />
        ) : (
          <ul className="key-list">
            {keys.map((k) => (
              <li key={k.id} className="key-list__item">
                <div className="key-list__head">
                  <h3 className="key-list__name">{k.name}</h3>
                  {k.revoked ? (
                    <Badge tone="neutral">{t('api.staffKeys.revokedAt', { when: k.revoked })}</Badge>
                  ) : (
                    <Badge tone="positive">{t('api.staffKeys.active')}</Badge>
                  )}
                </div>
                <dl className="key-list__facts">
                  <div>
                    <dt>{t('api.staffKeys.prefix')}</dt>
                    <dd className="mono">{k.prefix}</dd>
                  </div>
                  <div>
                    <dt>{t('api.staffKeys.scopes')}</dt>
                    <dd>{k.scopes.map((s) => t(`api.staffKeys.scopeShort.${s}` as never)).join(', ')}</dd>
                  </div>
                  <div>
                    <dt>{t('api.staffKeys.createdAt')}</dt>
                    <dd>
                      <time dateTime={k.createdAt}>{k.created}</time>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('api.staffKeys.lastUsed')}</dt>
                    <dd>{k.lastUsed ?? t('api.staffKeys.never')}</dd>
                  </div>
                </dl>
                {k.revoked ? null : (
                  <ConfirmDisclosure label={t('api.staffKeys.revoke')}>
                    <p>{t('api.staffKeys.revokeWarning', { name: k.name })}</p>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="keyId" value={k.id} />
                      <button type="submit" className="button button--danger" disabled={busy('revoke')}>
                        {t('api.staffKeys.revokeConfirm', { name: k.name })}
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
        <h2 id="create-key-heading">{t('api.staffKeys.createTitle')}</h2>
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
            label={t('api.staffKeys.name')}
            hint={t('api.staffKeys.nameHint')}
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
            <legend>{t('api.staffKeys.scopes')}</legend>
            {scopes.map((s) => (
              <label key={s} className="checkbox">
                <input type="checkbox" name="scopes" value={s} />
                {t(`api.staffKeys.scope.${s}` as never)}
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
              {t('api.staffKeys.create')}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
