import { TextField } from '@outpost/ui';
import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import type { HistoryLine } from '../../lib/staff/partner-status-actions.server';
import { categoryLabel } from '../partner-labels';
import { CheckboxField, CheckboxGroup, TextAreaField } from './fields';
import { FormOutcome, fieldErrorsOf } from './form-outcome';

type Result = StaffActionData | undefined;

export interface SuspensionView {
  partnerId: string;
  status: string;
  reason: string | null;
  since: string | null;
}

/** Suspend a partner (with the reason it is told), or lift its suspension (with a reason). */
export function SuspensionPanel({ view, result }: { view: SuspensionView; result: Result }) {
  const t = useT();
  const suspended = view.status === 'suspended';
  const intent = suspended ? 'lift' : 'suspend';
  const errors = fieldErrorsOf(result, intent);
  return (
    <section className="card stack" aria-labelledby="partner-suspension">
      <h2 id="partner-suspension">{t('partner-status.suspension.title')}</h2>
      <FormOutcome result={result} intent="suspend" />
      <FormOutcome result={result} intent="lift" />
      {suspended ? (
        <p>{t('partner-status.suspension.current', { date: view.since ?? '', reason: view.reason ?? '' })}</p>
      ) : (
        <p className="muted">{t('partner-status.suspension.suspendHint')}</p>
      )}
      <details open={Object.keys(errors).length > 0 || undefined}>
        <summary>
          {t(suspended ? 'partner-status.suspension.lift' : 'partner-status.suspension.suspend')}
        </summary>
        <Form method="post" noValidate preventScrollReset className="stack">
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="partnerId" value={view.partnerId} />
          <TextAreaField
            name="reason"
            label={t(suspended ? 'partner-status.suspension.liftReason' : 'partner-status.suspension.reason')}
            hint={t('partner-status.suspension.reasonHint')}
            rows={2}
            maxLength={2000}
            error={errors.reason}
          />
          <div>
            <button type="submit" className={suspended ? 'button button--primary' : 'button staff-danger'}>
              {t(suspended ? 'partner-status.suspension.lift' : 'partner-status.suspension.suspend')}
            </button>
          </div>
        </Form>
      </details>
    </section>
  );
}

export interface ProfileView {
  partnerId: string;
  legalName: string;
  registeredAddress: string;
  parentCompany: string;
  contactEmail: string;
  serviceCategories: string[];
  criticality: string;
  criticalityReason: string;
  handlesPersonalData: boolean;
}

/** Staff administrators correct the partner's profile and contacts. */
export function ProfileForm({
  view,
  result,
  categories,
  criticalities,
}: {
  view: ProfileView;
  result: Result;
  categories: readonly string[];
  criticalities: readonly string[];
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'profile');
  return (
    <section className="card stack" aria-labelledby="partner-profile">
      <h2 id="partner-profile">{t('partner-status.profile.title')}</h2>
      <FormOutcome result={result} intent="profile" />
      <details open={Object.keys(errors).length > 0 || undefined}>
        <summary>{t('partner-status.profile.edit')}</summary>
        <Form method="post" noValidate preventScrollReset className="stack">
          <input type="hidden" name="intent" value="profile" />
          <input type="hidden" name="partnerId" value={view.partnerId} />
          <TextField
            name="legalName"
            label={t('partner-status.profile.legalName')}
            defaultValue={view.legalName}
            required
            maxLength={200}
            error={errors.legalName}
          />
          <TextField
            name="contactEmail"
            type="email"
            label={t('partner-status.profile.contactEmail')}
            defaultValue={view.contactEmail}
            maxLength={254}
            error={errors.contactEmail}
          />
          <TextField
            name="registeredAddress"
            label={t('partner-status.profile.registeredAddress')}
            defaultValue={view.registeredAddress}
            maxLength={500}
            error={errors.registeredAddress}
          />
          <TextField
            name="parentCompany"
            label={t('partner-status.profile.parentCompany')}
            defaultValue={view.parentCompany}
            maxLength={200}
            error={errors.parentCompany}
          />
          <CheckboxGroup
            name="serviceCategories"
            label={t('partner-status.profile.categories')}
            options={categories.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
            defaultValues={view.serviceCategories}
            error={errors.serviceCategories}
          />
          <div className="ui-field">
            <label htmlFor="profile-criticality">{t('partner-status.profile.criticality')}</label>
            <select id="profile-criticality" name="criticality" defaultValue={view.criticality}>
              {criticalities.map((c) => (
                <option key={c} value={c}>
                  {t(`criticality.${c}` as 'criticality.critical')}
                </option>
              ))}
            </select>
          </div>
          <TextAreaField
            name="criticalityReason"
            label={t('partner-status.profile.criticalityReason')}
            defaultValue={view.criticalityReason}
            rows={2}
            maxLength={2000}
            error={errors.criticalityReason}
          />
          <CheckboxField
            name="handlesPersonalData"
            label={t('partner-status.profile.handlesPersonalData')}
            defaultChecked={view.handlesPersonalData}
          />
          <div>
            <button type="submit" className="button button--primary">
              {t('partner-status.profile.save')}
            </button>
          </div>
        </Form>
      </details>
    </section>
  );
}

/** Who did what when to this partner, newest first (from the audit log). */
export function HistoryTimeline({ lines }: { lines: HistoryLine[] }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="partner-history">
      <h2 id="partner-history">{t('partner-status.history.title')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('partner-status.history.empty')}</p>
      ) : (
        <ol className="staff-list partner-history">
          {lines.map((l) => (
            <li key={l.id}>
              <strong>{l.title}</strong> <span className="muted">{`${l.when} · ${l.by}`}</span>
              {l.detail ? <div>{l.detail}</div> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
