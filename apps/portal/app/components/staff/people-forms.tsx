import { Alert, SelectField, TextField } from '@outpost/ui';
import { Form } from 'react-router';
import type { StaffActionData } from '../../lib/staff/action-result';
import type { PeopleExtra } from '../../lib/staff/people-actions.server';
import { useT } from '../../lib/i18n';
import { CopyLink } from './copy-link';
import { CheckboxGroup, TextAreaField } from './fields';
import { FormOutcome, fieldErrorsOf } from './form-outcome';

export const staffRoleCodes = ['admin', 'reviewer', 'legal', 'committee', 'risk_officer', 'auditor'] as const;
export interface DepartmentOption {
  value: string;
  label: string;
}

/** Inviting a member of staff: e-mail, roles, department, the e-mail's language (decision record 042). */
export function InviteStaffForm({
  result,
  departments,
}: {
  result: StaffActionData<PeopleExtra> | undefined;
  departments: DepartmentOption[];
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'invite');
  const invited = result?.intent === 'invite' ? result.extra?.invited : undefined;
  return (
    <section className="card stack" aria-labelledby="invite-staff-heading">
      <h2 id="invite-staff-heading">{t('people.invite.title')}</h2>
      <FormOutcome result={result} intent="invite" />
      {invited?.link ? (
        <Alert tone="success">
          <p>{t('people.invite.link', { email: invited.email, when: invited.expires })}</p>
          <CopyLink label={t('people.invite.linkLabel')} value={invited.link} />
        </Alert>
      ) : null}
      <Form method="post" noValidate className="stack" key={invited ? `invite-${result?.at}` : 'invite'}>
        <input type="hidden" name="intent" value="invite" />
        <TextField
          name="email"
          type="email"
          label={t('people.invite.email')}
          required
          maxLength={254}
          error={errors.email}
        />
        <CheckboxGroup
          name="staffRoles"
          label={t('people.roles')}
          error={errors.staffRoles}
          options={staffRoleCodes.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <SelectField
          name="departmentId"
          label={t('people.department')}
          error={errors.departmentId}
          options={[{ value: '', label: '—' }, ...departments]}
        />
        <SelectField
          name="locale"
          label={t('people.invite.language')}
          options={[
            { value: 'zh-CN', label: '中文', lang: 'zh-CN' },
            { value: 'en', label: 'English', lang: 'en' },
          ]}
        />
        <button type="submit" className="button button--primary">
          {t('people.invite.submit')}
        </button>
      </Form>
    </section>
  );
}

/** Per person: change roles and department, deactivate (with a reason) or reactivate. */
export function PersonActions({
  person,
  result,
  departments,
}: {
  person: {
    id: string;
    displayName: string;
    staffRoles: string[];
    departmentId: string | null;
    active: boolean;
    isYou: boolean;
    mfaEnabled: boolean;
  };
  result: StaffActionData<PeopleExtra> | undefined;
  departments: DepartmentOption[];
}) {
  const t = useT();
  const editErrors = fieldErrorsOf(result, 'update', person.id);
  const resetErrors = fieldErrorsOf(result, 'resetMfa', person.id);
  return (
    <div className="stack">
      <FormOutcome result={result} intent="update" target={person.id} />
      <FormOutcome result={result} intent="deactivate" target={person.id} />
      <FormOutcome result={result} intent="reactivate" target={person.id} />
      <FormOutcome result={result} intent="resetMfa" target={person.id} />
      <details open={Object.keys(editErrors).length > 0 || undefined}>
        <summary>{t('people.edit')}</summary>
        <Form method="post" noValidate preventScrollReset className="stack">
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="target" value={person.id} />
          <input type="hidden" name="userId" value={person.id} />
          <input type="hidden" name="name" value={person.displayName} />
          <CheckboxGroup
            name="staffRoles"
            label={t('people.roles')}
            error={editErrors.staffRoles}
            defaultValues={person.staffRoles}
            options={staffRoleCodes.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
          <SelectField
            name="departmentId"
            label={t('people.department')}
            defaultValue={person.departmentId ?? ''}
            error={editErrors.departmentId}
            options={[{ value: '', label: '—' }, ...departments]}
          />
          <button type="submit" className="button">
            {t('people.edit.submit')}
          </button>
        </Form>
      </details>
      {person.isYou || !person.mfaEnabled ? null : (
        <details open={Object.keys(resetErrors).length > 0 || undefined}>
          <summary>{t('people.mfaReset')}</summary>
          <Form method="post" noValidate preventScrollReset className="stack">
            <input type="hidden" name="intent" value="resetMfa" />
            <input type="hidden" name="target" value={person.id} />
            <input type="hidden" name="userId" value={person.id} />
            <input type="hidden" name="name" value={person.displayName} />
            <p className="muted">{t('people.mfaReset.explain', { name: person.displayName })}</p>
            <TextAreaField
              name="reason"
              label={t('people.mfaReset.reason')}
              error={resetErrors.reason}
              required
            />
            <button type="submit" className="button button--danger">
              {t('people.mfaReset.confirm', { name: person.displayName })}
            </button>
          </Form>
        </details>
      )}
      {person.isYou ? null : person.active ? (
        <details>
          <summary>{t('people.deactivate')}</summary>
          <Form method="post" noValidate preventScrollReset className="stack">
            <input type="hidden" name="intent" value="deactivate" />
            <input type="hidden" name="target" value={person.id} />
            <input type="hidden" name="userId" value={person.id} />
            <input type="hidden" name="name" value={person.displayName} />
            <p className="muted">{t('people.deactivate.explain', { name: person.displayName })}</p>
            <TextAreaField name="reason" label={t('people.deactivate.reason')} />
            <button type="submit" className="button button--danger">
              {t('people.deactivate.confirm', { name: person.displayName })}
            </button>
          </Form>
        </details>
      ) : (
        <Form method="post" noValidate preventScrollReset>
          <input type="hidden" name="intent" value="reactivate" />
          <input type="hidden" name="target" value={person.id} />
          <input type="hidden" name="userId" value={person.id} />
          <input type="hidden" name="name" value={person.displayName} />
          <button type="submit" className="button">
            {t('people.reactivate')}
          </button>
        </Form>
      )}
    </div>
  );
}
