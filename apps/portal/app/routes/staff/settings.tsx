import {
  can,
  contractApproverSettings,
  entityTypes,
  getSetting,
  riskAlertOwners,
  terminationSettingsView,
} from '@outpost/core';
import { Form, useNavigation } from 'react-router';
import { CheckboxGroup, InputField } from '../../components/staff/fields';
import { categoryLabel } from '../../components/partner-labels';
import { FormOutcome, fieldErrorsOf } from '../../components/staff/form-outcome';
import { depsContext, localeContext } from '../../context';
import { useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import type { StaffActionData } from '../../lib/staff/action-result';
import { settingsActions } from '../../lib/staff/catalogue-actions.server';
import { formatPercent, formatRatio } from '../../lib/staff/ratio';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/settings';
import { AppLink } from '../../components/app-link';
import { riskLevelCodes as riskLevels } from '../../lib/risk/risk-codes';
import { ReportDistributionCard } from '../../components/reports/distribution-card';
import {
  TerminationApproversCard,
  TerminationChecklistCard,
} from '../../components/terminations/settings-cards';
import { BLANK_CHECKLIST_ROWS } from '../../lib/terminations/settings-rows';
import { OurEntityCard } from '../../components/register/entity-card';

/** Staff roles, in the order the settings list them (kept here: route modules import no values from @outpost/db). */
const staffRoleCodes = ['admin', 'committee', 'risk_officer', 'reviewer', 'legal', 'auditor'] as const;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  if (!can(person.actor, 'manage:requirements'))
    throw routeError(context.get(localeContext), 403, 'errors.forbidden');
  const { db } = context.get(depsContext);
  const [committee, weights, trainingDigest, riskHours, escalation, riskStaff, approvers] = await Promise.all(
    [
      getSetting(db, 'admission.committee'),
      getSetting(db, 'admission.weights'),
      getSetting(db, 'training.digest'),
      getSetting(db, 'risk.responseHours'),
      getSetting(db, 'risk.escalation'),
      riskAlertOwners(db, person.actor),
      contractApproverSettings(db, person.actor),
    ],
  );
  const mfa = await getSetting(db, 'auth.mfa');
  const reportDistribution = await getSetting(db, 'reports.distribution');
  const termination = await terminationSettingsView(db, person.actor);
  const ourEntity = await getSetting(db, 'register.entity');
  return {
    committee,
    weights,
    trainingDigest,
    riskHours,
    escalation,
    riskStaff,
    approvers,
    mfa,
    reportDistribution,
    termination,
    ourEntity,
    entityTypes: [...entityTypes],
  };
}

export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, settingsActions);
}

const dimensions = ['financial', 'capability', 'compliance', 'reputation'] as const;

/** Admission rules administrators tune: the committee's quorum and majority, and the assessment weights. */
export default function StaffSettings({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const result = actionData as StaffActionData | undefined;
  const { committee, weights, trainingDigest, riskHours, escalation, riskStaff, approvers } = loaderData;
  const escalationErrors = fieldErrorsOf(result, 'riskEscalation');
  const digestErrors = fieldErrorsOf(result, 'trainingDigest');
  const riskErrors = fieldErrorsOf(result, 'riskHours');
  const committeeErrors = fieldErrorsOf(result, 'committee');
  const weightErrors = fieldErrorsOf(result, 'weights');
  const total = dimensions.reduce((sum, d) => sum + weights[d], 0);
  const busy = navigation.state === 'submitting';
  return (
    <div className="page page--medium">
      <title>{`${t('staff-portal.settings.title')} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/requirements">{t('staff-portal.catalogue.title')}</AppLink>
      </nav>
      <header className="page-header">
        <h1>{t('staff-portal.settings.title')}</h1>
        <p className="muted">{t('staff-portal.settings.intro')}</p>
      </header>

      <SettingsCard
        id="committee-rule-heading"
        title={t('staff-portal.settings.committee')}
        hint={t('staff-portal.settings.committeeHint')}
        intent="committee"
        formKey={`committee-${committee.quorumRatio}-${committee.approvalRatio}`}
        result={result}
        busy={busy}
      >
        <InputField
          name="quorumRatio"
          label={t('staff-portal.settings.quorum')}
          hint={t('staff-portal.settings.quorumHint', { now: formatPercent(committee.quorumRatio) })}
          defaultValue={formatRatio(committee.quorumRatio)}
          inputMode="decimal"
          maxLength={20}
          error={committeeErrors.quorumRatio}
        />
        <InputField
          name="approvalRatio"
          label={t('staff-portal.settings.approval')}
          hint={t('staff-portal.settings.approvalHint', { now: formatPercent(committee.approvalRatio) })}
          defaultValue={formatRatio(committee.approvalRatio)}
          inputMode="decimal"
          maxLength={20}
          error={committeeErrors.approvalRatio}
        />
      </SettingsCard>

      <SettingsCard
        id="weights-heading"
        title={t('staff-portal.settings.weights')}
        hint={t('staff-portal.settings.weightsHint')}
        intent="weights"
        formKey={`weights-${dimensions.map((d) => weights[d]).join('-')}`}
        result={result}
        busy={busy}
      >
        <div className="staff-row staff-row--four">
          {dimensions.map((d) => (
            <InputField
              key={d}
              name={d}
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              label={t(`staff-portal.assessment.${d}` as never)}
              hint={t('staff-portal.settings.share', {
                share: total > 0 ? formatPercent(weights[d] / total) : '0%',
              })}
              defaultValue={weights[d]}
              error={weightErrors[d]}
            />
          ))}
        </div>
      </SettingsCard>

      <SettingsCard
        id="training-digest-heading"
        title={t('staff-portal.settings.trainingDigest')}
        hint={t('staff-portal.settings.trainingDigestHint')}
        intent="trainingDigest"
        formKey={`digest-${trainingDigest.threshold}`}
        result={result}
        busy={busy}
      >
        <InputField
          name="threshold"
          label={t('staff-portal.settings.digestThreshold')}
          hint={t('staff-portal.settings.digestThresholdHint', {
            now: formatPercent(trainingDigest.threshold),
          })}
          defaultValue={formatPercent(trainingDigest.threshold)}
          inputMode="decimal"
          maxLength={20}
          error={digestErrors.threshold}
        />
      </SettingsCard>

      <SettingsCard
        id="risk-hours-heading"
        title={t('risk.settings.hours')}
        hint={t('risk.settings.hoursHint')}
        intent="riskHours"
        formKey={`risk-${riskLevels.map((l) => riskHours[l]).join('-')}`}
        result={result}
        busy={busy}
      >
        <div className="staff-row staff-row--four">
          {riskLevels.map((level) => (
            <InputField
              key={level}
              name={level}
              type="number"
              min={1}
              step="any"
              inputMode="decimal"
              label={t(`risk.level.${level}`)}
              defaultValue={riskHours[level]}
              error={riskErrors[level]}
            />
          ))}
        </div>
      </SettingsCard>

      <SettingsCard
        id="risk-escalation-heading"
        title={t('risk.settings.escalation')}
        hint={t('risk.settings.escalationHint')}
        intent="riskEscalation"
        formKey={`escalation-${escalation.reminderAt}-${escalation.headOfRiskUserId ?? ''}`}
        result={result}
        busy={busy}
      >
        <InputField
          name="reminderAt"
          label={t('risk.settings.reminderAt')}
          hint={t('risk.settings.reminderAtHint', { now: formatPercent(escalation.reminderAt) })}
          defaultValue={formatPercent(escalation.reminderAt)}
          inputMode="decimal"
          maxLength={20}
          error={escalationErrors.reminderAt}
        />
        <div className={escalationErrors.headOfRiskUserId ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor="head-of-risk">{t('risk.settings.headOfRisk')}</label>
          <p id="head-of-risk-hint" className="ui-field__hint">
            {t('risk.settings.headOfRiskHint')}
          </p>
          <select
            id="head-of-risk"
            name="headOfRiskUserId"
            defaultValue={escalation.headOfRiskUserId ?? ''}
            aria-describedby="head-of-risk-hint"
          >
            <option value="">{t('risk.settings.headOfRiskNone')}</option>
            {riskStaff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName}
              </option>
            ))}
          </select>
        </div>
      </SettingsCard>

      <SettingsCard
        id="contract-approvers-heading"
        title={t('contracts.settings.approvers')}
        hint={t('contracts.settings.approversHint')}
        intent="contractApprovers"
        formKey={`approvers-${JSON.stringify(approvers.byCategory)}`}
        result={result}
        busy={busy}
      >
        {Object.entries(approvers.byCategory).map(([category, chosen]) => (
          <CheckboxGroup
            key={category}
            name={`approvers.${category}`}
            label={categoryLabel(t, category)}
            options={approvers.staff.map((s) => ({ value: s.id, label: s.displayName }))}
            defaultValues={chosen}
          />
        ))}
      </SettingsCard>

      {/* Two-step sign-in required per role (decision record 043). */}
      <SettingsCard
        id="mfa-roles-heading"
        title={t('mfa.settings.title')}
        hint={t('mfa.settings.hint')}
        intent="mfa"
        formKey={`mfa-${loaderData.mfa.requiredRoles.join('-')}`}
        result={result}
        busy={busy}
      >
        <CheckboxGroup
          name="requiredRoles"
          label={t('mfa.settings.roles')}
          options={staffRoleCodes.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          defaultValues={loaderData.mfa.requiredRoles}
        />
      </SettingsCard>

      {/* Where the quarterly management report goes (decision record 051). */}
      <ReportDistributionCard
        value={loaderData.reportDistribution}
        result={result}
        busy={busy}
        Card={SettingsCard}
      />

      {/* Termination cases: approvers and the exit checklist (decision record 049). */}
      <TerminationApproversCard
        value={loaderData.termination}
        result={result}
        busy={busy}
        Card={SettingsCard}
      />
      <TerminationChecklistCard
        value={loaderData.termination}
        result={result}
        busy={busy}
        blankRows={BLANK_CHECKLIST_ROWS}
        Card={SettingsCard}
      />

      {/* The insurer keeping the outsourcing register, as its exports name it (decision record 060). */}
      <OurEntityCard
        value={loaderData.ourEntity}
        types={loaderData.entityTypes}
        result={result}
        busy={busy}
        Card={SettingsCard}
      />
    </div>
  );
}

/** One rule's card: heading, hint, the outcome of its last save, and its form with a Save button. */
function SettingsCard({
  id,
  title,
  hint,
  intent,
  formKey,
  result,
  busy,
  children,
}: {
  id: string;
  title: string;
  hint: string;
  intent: string;
  /** Changes when the saved values do, so the form shows them after a save. */
  formKey: string;
  result: StaffActionData | undefined;
  busy: boolean;
  children: React.ReactNode;
}) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="muted">{hint}</p>
      <FormOutcome result={result} intent={intent} />
      <Form method="post" noValidate className="stack" key={formKey}>
        <input type="hidden" name="intent" value={intent} />
        {children}
        <div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('staff-portal.settings.save')}
          </button>
        </div>
      </Form>
    </section>
  );
}
