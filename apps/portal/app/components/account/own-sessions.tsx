import { Alert } from '@outpost/ui';
import { Form, useNavigation } from 'react-router';
import { useT } from '../../lib/i18n';
import type { AccountSecurity } from '../../lib/own-sessions.server';
import { AppLink } from '../app-link';

interface Outcome {
  intent: string;
  notice: string | null;
  errors: { form?: string } | null;
}

/**
 * The account page's security sections (decision record 043): two-step sign-in's state with a link
 * to manage it, and the list of one's active sessions — device, place, last seen — each with
 * "sign out this one", and "sign out all others".
 */
export function OwnSessions({
  security,
  result,
}: {
  security: AccountSecurity;
  result: Outcome | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const outcome =
    result && (result.intent === 'sessions' || result.intent === 'session-end') ? (
      result.errors?.form ? (
        <Alert tone="error">{result.errors.form}</Alert>
      ) : result.notice ? (
        <Alert tone="success">{result.notice}</Alert>
      ) : null
    ) : null;
  return (
    <>
      <section className="card stack" aria-labelledby="mfa-heading">
        <h2 id="mfa-heading">{t('mfa.setup.title')}</h2>
        <p>{security.mfaEnabled ? t('mfa.setup.done') : t('mfa.setup.off')}</p>
        <p>
          <AppLink to="/account/mfa">{t('mfa.account.manage')}</AppLink>
        </p>
      </section>

      <section className="card stack" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('sessions.title')}</h2>
        <p className="muted">{t('sessions.intro')}</p>
        {outcome}
        <ul className="session-list" aria-labelledby="sessions-heading">
          {security.sessions.map((s) => (
            <li key={s.id} className="session-list__item">
              <div>
                <strong title={s.userAgent ?? undefined}>
                  {s.browser && s.os
                    ? t('sessions.device', { browser: s.browser, os: s.os })
                    : (s.browser ?? s.os ?? t('sessions.unknownDevice'))}
                </strong>
                {s.current ? <span className="badge"> {t('sessions.current')}</span> : null}
                <p className="muted">
                  {t(`sessions.place.${s.place}`)}
                  {s.ip ? ` · ${t('sessions.address', { ip: s.ip })}` : ''} ·{' '}
                  {t('sessions.lastSeen', { when: s.lastSeen })} ·{' '}
                  {t('sessions.signedIn', { when: s.signedIn })}
                </p>
              </div>
              {s.current ? null : (
                <Form method="post">
                  <input type="hidden" name="intent" value="session-end" />
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button type="submit" className="button" disabled={busy}>
                    {t('sessions.end')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        <p className="muted">{t('account.signOutEverywhereHint')}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="sessions" />
          <button type="submit" className="button" disabled={busy}>
            {t('account.signOutEverywhere')}
          </button>
        </Form>
      </section>
    </>
  );
}
