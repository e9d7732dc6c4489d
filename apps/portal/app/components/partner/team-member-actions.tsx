import { Alert } from '@outpost/ui';
import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import type { MemberResult } from '../../lib/partner/team.server';

/** A partner administrator's actions on one colleague: role, deactivate, reactivate (decision record 042). */
export function TeamMemberActions({
  member,
  result,
}: {
  member: { id: string; displayName: string; role: string; active: boolean; isYou: boolean };
  result: MemberResult | null;
}) {
  const t = useT();
  const mine = result && result.target === member.id ? result : null;
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={member.id} />
      <input type="hidden" name="name" value={member.displayName} />
    </>
  );
  const otherRole = member.role === 'partner_admin' ? 'partner_member' : 'partner_admin';
  return (
    <div className="stack">
      {mine?.ok ? <Alert tone="success">{mine.notice}</Alert> : null}
      {mine && !mine.ok ? (
        <Alert tone="error">{mine.errors.form ?? Object.values(mine.errors.fields ?? {})[0]}</Alert>
      ) : null}
      <Form method="post" preventScrollReset>
        {hidden('role')}
        <input type="hidden" name="role" value={otherRole} />
        <button type="submit" className="button button--quiet">
          {t('partner-portal.team.changeRole')}: {t(`role.${otherRole}` as never)}
        </button>
      </Form>
      {member.isYou ? null : member.active ? (
        <details>
          <summary>{t('partner-portal.team.deactivate')}</summary>
          <Form method="post" preventScrollReset className="stack">
            {hidden('deactivate')}
            <p className="muted">
              {t('partner-portal.team.deactivateConfirm', { name: member.displayName })}
            </p>
            <button type="submit" className="button button--danger">
              {t('partner-portal.team.deactivate')}
            </button>
          </Form>
        </details>
      ) : (
        <Form method="post" preventScrollReset>
          {hidden('reactivate')}
          <button type="submit" className="button">
            {t('partner-portal.team.reactivate')}
          </button>
        </Form>
      )}
    </div>
  );
}
