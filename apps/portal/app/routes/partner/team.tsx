import { Alert, Badge, EmptyState, SelectField, TextField } from '@outpost/ui';
import { data, Form, useNavigation } from 'react-router';
import { SecretField } from '../../components/partner/secret-field';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { inviteColleagueAction, loadTeam, memberAction } from '../../lib/partner/team.server';
import { TeamMemberActions } from '../../components/partner/team-member-actions';
import type { Route } from './+types/team';
import { AppLink } from '../../components/app-link';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  return orRouteError(locale, () => loadTeam(deps.db, actor, locale));
}

export async function action({ context, request }: Route.ActionArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const form = await request.formData();
  if (['role', 'deactivate', 'reactivate'].includes(String(form.get('intent') ?? ''))) {
    const member = await memberAction(deps.db, actor, form, locale);
    return data({ member, at: Date.now() }, { status: member.ok ? 200 : member.status });
  }
  const result = await inviteColleagueAction(deps.db, actor, form, locale, {
    mailEnabled: deps.mailEnabled,
    publicUrl: deps.publicUrl,
  });
  // `at` gives each success a new form key, which empties the form.
  return data({ ...result, at: Date.now() }, { status: result.ok ? 200 : result.status });
}

/** The organisation's people, and for administrators a way to invite colleagues. */
export default function PartnerTeam({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { members, pending, canInvite } = loaderData;
  const member = actionData && 'member' in actionData ? actionData.member : null;
  const invite = actionData && !('member' in actionData) ? actionData : null;
  const failed = invite && !invite.ok ? invite : null;
  const invited = invite?.ok ? invite : null;
  return (
    <div className="page">
      <title>{`${t('partner-portal.team.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('partner.homeTitle')}</p>
        <h1>{t('partner-portal.team.title')}</h1>
        <p className="muted">{t('partner-portal.team.intro')}</p>
        {canInvite ? (
          <p>
            <AppLink to="/p/api-keys">{t('partner-portal.nav.apiKeys')}</AppLink>
          </p>
        ) : null}
      </header>

      <section className="stack">
        <p className="muted">{t('partner-portal.team.count', { count: members.length })}</p>
        {members.length === 0 ? (
          <EmptyState title={t('common.none')} />
        ) : (
          // biome-ignore lint/a11y/useSemanticElements: a labelled scroll container, not a document section.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users need focus to scroll it.
          <div className="table-scroll" role="region" aria-labelledby="members-caption" tabIndex={0}>
            <table className="table">
              <caption id="members-caption" className="visually-hidden">
                {t('partner-portal.team.title')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('partner-portal.team.name')}</th>
                  <th scope="col">{t('partner-portal.team.email')}</th>
                  <th scope="col">{t('partner-portal.team.role')}</th>
                  <th scope="col">{t('partner-portal.team.since')}</th>
                  <th scope="col">{t('partner-portal.team.lastSignIn')}</th>
                  {canInvite ? <th scope="col">{t('partner-portal.team.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      {m.displayName}
                      {m.isYou ? <span className="muted"> {t('partner-portal.team.you')}</span> : null}
                      {m.active ? null : (
                        <>
                          {' '}
                          <Badge tone="neutral">{t('partner-portal.team.disabled')}</Badge>
                        </>
                      )}
                    </th>
                    <td>{m.email}</td>
                    <td>{t(`role.${m.role}` as never)}</td>
                    <td>
                      <time dateTime={m.sinceAt}>{m.since}</time>
                    </td>
                    <td>
                      {m.lastSignedInAt ? (
                        <time dateTime={m.lastSignedInAt}>{m.lastSignedIn}</time>
                      ) : (
                        t('people.never')
                      )}
                    </td>
                    {canInvite ? (
                      <td>
                        <TeamMemberActions member={m} result={member} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {canInvite && pending.length > 0 ? (
        <section className="card stack team-pending" aria-labelledby="pending-heading">
          <h2 id="pending-heading">{t('partner-portal.team.pendingTitle')}</h2>
          <ul className="plain-list">
            {pending.map((p) => (
              <li key={p.id}>
                {p.email} · {t(`role.${p.role}` as never)} ·{' '}
                <span className="muted">
                  {t('partner-portal.team.pendingExpires')} <time dateTime={p.expiresAt}>{p.expires}</time>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {canInvite ? (
        <section className="card stack" aria-labelledby="invite-heading">
          <h2 id="invite-heading">{t('partner-portal.team.inviteTitle')}</h2>
          {invited ? (
            invited.link ? (
              <Alert tone="success">
                <p>{t('partner-portal.team.inviteLink', { email: invited.email, when: invited.expires })}</p>
                <SecretField label={t('partner-portal.team.inviteLinkLabel')} value={invited.link} />
              </Alert>
            ) : (
              <Alert tone="success">{t('partner-portal.team.inviteSent', { email: invited.email })}</Alert>
            )
          ) : null}
          {failed?.errors.form ? <Alert tone="error">{failed.errors.form}</Alert> : null}
          <Form
            method="post"
            noValidate
            className="inline-form"
            key={invited ? `invite-${actionData?.at}` : 'invite'}
          >
            <TextField
              name="email"
              type="email"
              label={t('partner-portal.team.inviteEmail')}
              autoComplete="off"
              required
              maxLength={200}
              defaultValue={failed?.email}
              error={failed?.errors.fields?.email}
            />
            <SelectField
              name="role"
              label={t('partner-portal.team.inviteRole')}
              defaultValue="partner_member"
              options={[
                { value: 'partner_member', label: t('role.partner_member') },
                { value: 'partner_admin', label: t('role.partner_admin') },
              ]}
            />
            <button
              type="submit"
              className="button button--primary"
              disabled={navigation.state === 'submitting'}
            >
              {t('partner-portal.team.inviteSubmit')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
