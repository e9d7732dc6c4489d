import { MIN_PASSWORD_LENGTH } from '@outpost/auth';
import { can, emailKinds, emailPreferences, pendingSlackLinkRequest, slackLinkOf } from '@outpost/core';
import { formatDateTime, supportedLocales, translate } from '@outpost/i18n';
import { Alert, SelectField, TextField } from '@outpost/ui';
import { data, Form, useNavigation } from 'react-router';
import { depsContext, localeContext } from '../context';
import { type AccountIntent, accountActions } from '../lib/account-actions.server';
import { formText } from '../lib/app-error.server';
import type { FormErrors } from '../lib/form-errors';
import { useT } from '../lib/i18n';
import { localeCookie } from '../lib/locale.server';
import { routeError } from '../lib/route-error';
import { requireViewer } from '../lib/viewer.server';
import type { Route } from './+types/account';
import { OwnSessions } from '../components/account/own-sessions';
import { accountSecurity } from '../lib/own-sessions.server';

export async function loader({ context, request }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  const { person } = viewer;
  const deps = context.get(depsContext);
  const locale = context.get(localeContext);
  // Slack is where staff approve and get alerts; partner users and read-only auditors have no use for a link.
  const slackAllowed = can(person.actor, 'link:slack');
  const link = slackAllowed ? await slackLinkOf(deps.db, person.user.id) : null;
  // Partner e-mail (decisions, returned documents, reviews, deadlines) can be turned off per kind.
  const email = person.actor.type === 'partner' ? await emailPreferences(deps.db, person.actor) : null;
  const linkRequest = slackAllowed ? await pendingSlackLinkRequest(deps.db, person.user.id) : null;
  const security = await accountSecurity(deps, viewer, locale);
  return {
    security,
    emailKinds: email ? emailKinds.map((kind) => ({ kind, on: email[kind] })) : null,
    email: person.user.email,
    savedLocale: person.user.locale,
    minPasswordLength: MIN_PASSWORD_LENGTH,
    slack: slackAllowed
      ? {
          configured: deps.slack !== null,
          link: link
            ? { slackUserId: link.slackUserId, since: formatDateTime(locale, link.createdAt) }
            : null,
          request: linkRequest
            ? {
                id: linkRequest.id,
                slackUserId: linkRequest.slackUserId,
                when: formatDateTime(locale, linkRequest.createdAt),
              }
            : null,
        }
      : null,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const viewer = requireViewer(context, request);
  const locale = context.get(localeContext);
  const form = await request.formData();
  const intent = formText(form, 'intent');
  if (!Object.hasOwn(accountActions, intent)) throw routeError(locale, 400, 'errors.refused');
  const result = await accountActions[intent as AccountIntent]({
    deps: context.get(depsContext),
    viewer,
    locale,
    form,
  });
  const headers = result.setCookieLocale
    ? { 'Set-Cookie': localeCookie(result.setCookieLocale, request.url) }
    : undefined;
  return data(
    // `at` tells two identical successes apart (the password form resets on each).
    { intent: result.intent, notice: result.notice ?? null, errors: result.errors ?? null, at: Date.now() },
    { status: result.status, headers },
  );
}

type ActionData =
  | { intent: AccountIntent; notice: string | null; errors: FormErrors | null; at: number }
  | undefined;

/** Shows the outcome of the form that was submitted last, inside that form's section. */
function Outcome({ result, intents }: { result: ActionData; intents: AccountIntent[] }) {
  if (!result || !intents.includes(result.intent)) return null;
  if (result.errors?.form) return <Alert tone="error">{result.errors.form}</Alert>;
  if (result.notice) return <Alert tone="success">{result.notice}</Alert>;
  return null;
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const result = actionData as ActionData;
  const passwordErrors = result?.intent === 'password' ? (result.errors?.fields ?? {}) : {};
  const submitting = (intent: AccountIntent) =>
    navigation.state === 'submitting' && navigation.formData?.get('intent') === intent;
  // A new key after a successful change empties the password fields.
  const passwordFormKey =
    result?.intent === 'password' && result.notice ? `password-${result.at}` : 'password';

  return (
    <div className="page page--medium">
      <title>{`${t('account.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <h1>{t('account.title')}</h1>
        <p className="muted">{loaderData.email}</p>
      </header>

      <section className="card stack" aria-labelledby="password-heading">
        <h2 id="password-heading">{t('account.changePassword')}</h2>
        <Outcome result={result} intents={['password']} />
        <Form method="post" noValidate className="stack" key={passwordFormKey}>
          <input type="hidden" name="intent" value="password" />
          {/* Lets password managers file the new password under the right account. */}
          <input type="hidden" name="username" autoComplete="username" value={loaderData.email} />
          <TextField
            name="currentPassword"
            type="password"
            label={t('account.currentPassword')}
            autoComplete="current-password"
            required
            error={passwordErrors.currentPassword}
          />
          <TextField
            name="newPassword"
            type="password"
            label={t('account.newPassword')}
            hint={t('account.passwordHint', { min: loaderData.minPasswordLength })}
            autoComplete="new-password"
            required
            error={passwordErrors.newPassword}
          />
          <TextField
            name="confirmPassword"
            type="password"
            label={t('account.confirmPassword')}
            autoComplete="new-password"
            required
            error={passwordErrors.confirmPassword}
          />
          <div>
            <button type="submit" className="button button--primary" disabled={submitting('password')}>
              {t('account.changePassword')}
            </button>
          </div>
        </Form>
      </section>

      <OwnSessions security={loaderData.security} result={result ?? undefined} />

      <section className="card stack" aria-labelledby="language-heading">
        <h2 id="language-heading">{t('account.language')}</h2>
        <Outcome result={result} intents={['language']} />
        <Form method="post" className="inline-form" key={loaderData.savedLocale}>
          <input type="hidden" name="intent" value="language" />
          <SelectField
            name="locale"
            label={t('account.language')}
            defaultValue={loaderData.savedLocale}
            options={supportedLocales.map((l) => ({ value: l, label: translate(l, `lang.${l}`), lang: l }))}
          />
          <button type="submit" className="button" disabled={submitting('language')}>
            {t('account.save')}
          </button>
        </Form>
      </section>

      {loaderData.emailKinds ? (
        <section className="card stack" aria-labelledby="email-heading">
          <h2 id="email-heading">{t('partner-status.email.title')}</h2>
          <p className="muted">{t('partner-status.email.intro')}</p>
          <Outcome result={result} intents={['email']} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="email" />
            <fieldset className="ui-field staff-choices">
              <legend>{t('partner-status.email.title')}</legend>
              {loaderData.emailKinds.map(({ kind, on }) => (
                <label key={kind} className="staff-check">
                  <input type="checkbox" name="emailKinds" value={kind} defaultChecked={on} />
                  <span>{t(`partner-status.email.${kind}`)}</span>
                </label>
              ))}
            </fieldset>
            <div>
              <button type="submit" className="button" disabled={submitting('email')}>
                {t('partner-status.email.save')}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {loaderData.slack ? (
        <section className="card stack" aria-labelledby="slack-heading">
          <h2 id="slack-heading">{t('account.slack')}</h2>
          <Outcome
            result={result}
            intents={['slack-link', 'slack-unlink', 'slack-request-confirm', 'slack-request-decline']}
          />
          {loaderData.slack.request ? (
            <div className="stack">
              <h3 id="slack-request-heading">{t('audit-anchor.linkRequestTitle')}</h3>
              <p>
                {t('audit-anchor.linkRequestText', {
                  slackUser: loaderData.slack.request.slackUserId,
                  when: loaderData.slack.request.when,
                })}
              </p>
              <Form method="post" className="cluster">
                <input type="hidden" name="requestId" value={loaderData.slack.request.id} />
                <button
                  type="submit"
                  name="intent"
                  value="slack-request-confirm"
                  className="button button--primary"
                  disabled={submitting('slack-request-confirm')}
                >
                  {t('audit-anchor.linkRequestConfirm')}
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="slack-request-decline"
                  className="button"
                  disabled={submitting('slack-request-decline')}
                >
                  {t('audit-anchor.linkRequestDecline')}
                </button>
              </Form>
            </div>
          ) : null}
          {loaderData.slack.link ? (
            <>
              <p>
                {t('account.slackLinked', { slackUserId: loaderData.slack.link.slackUserId })}{' '}
                <span className="muted">
                  {t('account.slackSince', { when: loaderData.slack.link.since })}
                </span>
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="slack-unlink" />
                <button type="submit" className="button" disabled={submitting('slack-unlink')}>
                  {t('account.slackUnlink')}
                </button>
              </Form>
            </>
          ) : loaderData.slack.configured ? (
            <>
              <p className="muted">{t('account.slackNotLinked')}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="slack-link" />
                <button type="submit" className="button button--primary" disabled={submitting('slack-link')}>
                  {t('account.slackLink')}
                </button>
              </Form>
            </>
          ) : (
            <p className="muted">{t('account.slackNotConfigured')}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
