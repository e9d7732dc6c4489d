import { mfaRequirement, mfaStatus, pendingTotpSetup, qrCodeDataUrl } from '@outpost/auth';
import { formatDateTime } from '@outpost/i18n';
import { Alert, TextField } from '@outpost/ui';
import { data, Form, useNavigation } from 'react-router';
import { AppLink } from '../components/app-link';
import { depsContext, localeContext } from '../context';
import { formText } from '../lib/app-error.server';
import { useT } from '../lib/i18n';
import { type MfaIntent, type MfaResult, mfaActions } from '../lib/mfa-actions.server';
import { routeError } from '../lib/route-error';
import { homePath, requireViewer } from '../lib/viewer.server';
import type { Route } from './+types/account-mfa';
import { IntentForm } from '../components/intent-form';

/**
 * Two-step sign-in on one's account (decision record 043): set up (QR code and the key as text,
 * confirmed with a first code), the recovery codes shown once, replacing them, turning it off.
 * Staff whose role requires it are sent here from every other page until it is on.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  const { db } = context.get(depsContext);
  const locale = context.get(localeContext);
  const { user, actor } = viewer.person;
  const [status, requirement, pending] = await Promise.all([
    mfaStatus(db, user.id),
    mfaRequirement(db, actor),
    pendingTotpSetup(db, user.id, user.email),
  ]);
  return {
    enabled: status.enabled,
    enabledAt: status.enabledAt ? formatDateTime(locale, status.enabledAt) : null,
    recoveryCodesLeft: status.recoveryCodesLeft,
    required: requirement.required,
    home: homePath(viewer),
    setup: pending ? { manualKey: pending.manualKey, qr: await qrCodeDataUrl(pending.uri) } : null,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const viewer = requireViewer(context, request);
  const locale = context.get(localeContext);
  const form = await request.formData();
  const intent = formText(form, 'intent');
  if (!Object.hasOwn(mfaActions, intent)) throw routeError(locale, 400, 'errors.refused');
  const result = await mfaActions[intent as MfaIntent]({
    deps: context.get(depsContext),
    viewer,
    locale,
    form,
  });
  return data({ ...result, at: Date.now() }, { status: result.status });
}

type ActionData = (MfaResult & { at: number }) | undefined;

function Outcome({ result, intents }: { result: ActionData; intents: MfaIntent[] }) {
  if (!result || !intents.includes(result.intent)) return null;
  if (result.errors?.form) return <Alert tone="error">{result.errors.form}</Alert>;
  if (result.notice) return <Alert tone="success">{result.notice}</Alert>;
  return null;
}

function CodeForm({
  intent,
  label,
  button,
  result,
  danger = false,
}: {
  intent: MfaIntent;
  label: string;
  button: string;
  result: ActionData;
  danger?: boolean;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === intent;
  const error = result?.intent === intent ? result.errors?.fields?.code : undefined;
  return (
    <Form
      method="post"
      noValidate
      className="stack"
      key={`${intent}-${result?.intent === intent ? result.at : 0}`}
    >
      <input type="hidden" name="intent" value={intent} />
      <TextField
        name="code"
        label={label}
        autoComplete="one-time-code"
        maxLength={40}
        required
        error={error}
      />
      <div>
        <button type="submit" className={danger ? 'button' : 'button button--primary'} disabled={busy}>
          {button}
        </button>
      </div>
    </Form>
  );
}

export default function AccountMfa({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const result = actionData as ActionData;
  const codes = result?.recoveryCodes;
  return (
    <div className="page page--medium">
      <title>{`${t('mfa.setup.title')} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/account">{t('account.title')}</AppLink>
      </nav>
      <header className="page-header">
        <h1>{t('mfa.setup.title')}</h1>
        <p className="muted">{t('mfa.setup.intro')}</p>
      </header>
      {loaderData.required && !loaderData.enabled ? (
        <Alert tone="info">{t('mfa.setup.requiredNotice')}</Alert>
      ) : null}

      {codes ? (
        <section className="card stack" aria-labelledby="recovery-codes-heading">
          <Outcome result={result} intents={['confirm', 'regenerate']} />
          <h2 id="recovery-codes-heading">{t('mfa.setup.codesTitle')}</h2>
          <p>{t('mfa.setup.codesIntro')}</p>
          <ol className="recovery-codes" aria-labelledby="recovery-codes-heading">
            {codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ol>
          <p>
            <AppLink to={loaderData.home} className="button button--primary">
              {t('mfa.setup.continue')}
            </AppLink>
          </p>
        </section>
      ) : null}

      {loaderData.enabled ? (
        <>
          <section className="card stack" aria-labelledby="mfa-status-heading">
            <h2 id="mfa-status-heading">{t('mfa.setup.enabled', { when: loaderData.enabledAt ?? '' })}</h2>
            <p className="muted">{t('mfa.setup.codesLeft', { count: loaderData.recoveryCodesLeft })}</p>
          </section>
          <section className="card stack" aria-labelledby="mfa-regenerate-heading">
            <h2 id="mfa-regenerate-heading">{t('mfa.setup.regenerate')}</h2>
            <p className="muted">{t('mfa.setup.regenerateHint')}</p>
            {codes ? null : <Outcome result={result} intents={['regenerate']} />}
            <CodeForm
              intent="regenerate"
              label={t('mfa.setup.currentCode')}
              button={t('mfa.setup.regenerate')}
              result={result}
            />
          </section>
          <section className="card stack" aria-labelledby="mfa-disable-heading">
            <h2 id="mfa-disable-heading">{t('mfa.setup.disable')}</h2>
            <p className="muted">{t('mfa.setup.disableHint')}</p>
            <Outcome result={result} intents={['disable']} />
            <CodeForm
              intent="disable"
              label={t('mfa.setup.currentCode')}
              button={t('mfa.setup.disable')}
              result={result}
              danger
            />
          </section>
        </>
      ) : (
        <section className="card stack" aria-labelledby="mfa-setup-heading">
          <h2 id="mfa-setup-heading">{t('mfa.setup.off')}</h2>
          <Outcome result={result} intents={['start', 'disable']} />
          {loaderData.setup ? (
            <>
              <p>{t('mfa.setup.scan')}</p>
              <img src={loaderData.setup.qr} alt={t('mfa.setup.qrAlt')} width={200} height={200} />
              <p>{t('mfa.setup.manual')}</p>
              <p>
                <code data-testid="totp-key" className="totp-key">
                  {loaderData.setup.manualKey}
                </code>
              </p>
              <p>{t('mfa.setup.confirmStep')}</p>
              <Outcome result={result} intents={['confirm']} />
              <CodeForm
                intent="confirm"
                label={t('mfa.setup.confirmCode')}
                button={t('mfa.setup.confirm')}
                result={result}
              />
              <IntentForm intent="start" submitLabel={t('mfa.setup.restart')} inline className="" />
            </>
          ) : (
            <IntentForm intent="start" submitLabel={t('mfa.setup.start')} primary inline className="" />
          )}
        </section>
      )}
    </div>
  );
}
