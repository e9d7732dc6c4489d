import { can, getContract, updateContractRegister } from '@outpost/core';
import { translate } from '@outpost/i18n';
import { Alert, SelectField } from '@outpost/ui';
import { data, Form, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { CheckboxField, CheckboxGroup, InputField, TextAreaField } from '../../components/staff/fields';
import { depsContext, localeContext } from '../../context';
import { appErrorToForm, orRouteError } from '../../lib/app-error.server';
import {
  exitPossibilityCodes,
  personalDataKindCodes,
  substitutabilityCodes,
} from '../../lib/contracts/archive-codes';
import { registerView } from '../../lib/contracts/archive-view.server';
import { registerInputOf } from '../../lib/contracts/register-form.server';
import type { FormErrors } from '../../lib/form-errors';
import { useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/contract-register';

const fieldNames = [
  'functionDescription',
  'dataDescription',
  'personalData',
  'personalDataKinds',
  'serviceCountries',
  'dataCountries',
  'criticalityReason',
  'criticalityAssessedOn',
  'partnerNoticeDays',
  'subcontractors',
  'substitutability',
  'exitPossibility',
  'exitNotes',
] as const;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  if (!can(person.actor, 'manage:contract')) throw routeError(locale, 403, 'errors.forbidden');
  const db = context.get(depsContext).db;
  const contract = await orRouteError(locale, () => getContract(db, person.actor, params.contractId));
  const register = await registerView(db, person.actor, locale, contract.id);
  return { id: contract.id, reference: contract.reference, register };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const form = await request.formData();
  const refused = (status: number, errors: FormErrors) =>
    data({ ok: false as const, errors, at: Date.now() }, { status });
  const { input, errors } = registerInputOf(form, locale);
  const labels = Object.fromEntries(
    fieldNames.map((f) => [f, translate(locale, `contracts.register.field.${f}`)]),
  );
  // A sub-contractor line that is not "name | country | function" is refused before anything is stored.
  if (Object.keys(errors).length > 0) {
    return refused(422, { fields: errors, form: translate(locale, 'contracts.register.fixErrors') });
  }
  try {
    const result = await updateContractRegister(db, person.actor, params.contractId, input);
    return data({
      ok: true as const,
      notice: translate(locale, result.changed ? 'contracts.register.saved' : 'contracts.register.unchanged'),
      at: Date.now(),
    });
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale, labels);
    if (!mapped) throw raw;
    return refused(mapped.status, {
      ...mapped.errors,
      form: mapped.errors.form ?? translate(locale, 'contracts.register.fixErrors'),
    });
  }
}

/** Staff edit the register fields of one contract; the live ones are shown read-only on the contract page. */
export default function ContractRegisterEdit({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const busy = useNavigation().state === 'submitting';
  const { register, reference, id } = loaderData;
  const raw = register.raw;
  const errors = actionData && !actionData.ok ? (actionData.errors.fields ?? {}) : {};
  const title = t('contracts.register.editTitle', { reference });
  const choose = { value: '', label: t('contracts.register.choose') };
  return (
    <div className="page">
      <title>{`${title} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to={`/s/contracts/${id}`}>{t('contracts.diff.back')}</AppLink>
      </nav>
      <header className="page-header">
        <h1>{title}</h1>
        <p className="muted">{t('contracts.register.intro')}</p>
      </header>
      {actionData?.ok ? <Alert tone="success">{actionData.notice}</Alert> : null}
      {actionData && !actionData.ok && actionData.errors.form ? (
        <Alert tone="error">{actionData.errors.form}</Alert>
      ) : null}
      <Form method="post" className="card stack" key={actionData?.ok ? actionData.at : 'form'}>
        <TextAreaField
          name="functionDescription"
          label={t('contracts.register.field.functionDescription')}
          defaultValue={raw.functionDescription}
          error={errors.functionDescription}
          maxLength={2000}
        />
        <TextAreaField
          name="dataDescription"
          label={t('contracts.register.field.dataDescription')}
          defaultValue={raw.dataDescription}
          error={errors.dataDescription}
          maxLength={2000}
        />
        <SelectField
          name="personalData"
          label={t('contracts.register.field.personalData')}
          defaultValue={raw.personalData === undefined ? '' : raw.personalData ? 'yes' : 'no'}
          error={errors.personalData}
          options={[
            choose,
            { value: 'yes', label: t('contracts.register.yes') },
            { value: 'no', label: t('contracts.register.no') },
          ]}
        />
        <CheckboxGroup
          name="personalDataKinds"
          label={t('contracts.register.field.personalDataKinds')}
          error={errors.personalDataKinds}
          defaultValues={raw.personalDataKinds ?? []}
          options={personalDataKindCodes.map((k) => ({
            value: k,
            label: t(`contracts.register.personalDataKind.${k}`),
          }))}
        />
        <InputField
          name="serviceCountries"
          label={t('contracts.register.field.serviceCountries')}
          hint={t('contracts.register.countriesHint')}
          defaultValue={raw.serviceCountries?.join(', ')}
          error={errors.serviceCountries}
          maxLength={300}
        />
        <InputField
          name="dataCountries"
          label={t('contracts.register.field.dataCountries')}
          hint={t('contracts.register.countriesHint')}
          defaultValue={raw.dataCountries?.join(', ')}
          error={errors.dataCountries}
          maxLength={300}
        />
        <TextAreaField
          name="criticalityReason"
          label={t('contracts.register.field.criticalityReason')}
          defaultValue={raw.criticalityReason}
          error={errors.criticalityReason}
          maxLength={2000}
        />
        <InputField
          name="criticalityAssessedOn"
          type="date"
          label={t('contracts.register.field.criticalityAssessedOn')}
          defaultValue={raw.criticalityAssessedOn}
          error={errors.criticalityAssessedOn}
        />
        <InputField
          name="partnerNoticeDays"
          type="number"
          min={0}
          max={3650}
          label={t('contracts.register.field.partnerNoticeDays')}
          defaultValue={raw.partnerNoticeDays}
          error={errors.partnerNoticeDays}
        />
        <TextAreaField
          name="subcontractors"
          label={t('contracts.register.field.subcontractors')}
          hint={t('contracts.register.subcontractorsHint')}
          defaultValue={raw.subcontractors?.map((s) => `${s.name} | ${s.country} | ${s.function}`).join('\n')}
          error={errors.subcontractors}
          maxLength={10_000}
        />
        <CheckboxField
          name="noSubcontractors"
          label={t('contracts.register.noSubcontractors')}
          defaultChecked={raw.subcontractors?.length === 0}
        />
        <SelectField
          name="substitutability"
          label={t('contracts.register.field.substitutability')}
          defaultValue={raw.substitutability ?? ''}
          error={errors.substitutability}
          options={[
            choose,
            ...substitutabilityCodes.map((c) => ({
              value: c,
              label: t(`contracts.register.substitutability.${c}`),
            })),
          ]}
        />
        <SelectField
          name="exitPossibility"
          label={t('contracts.register.field.exitPossibility')}
          defaultValue={raw.exitPossibility ?? ''}
          error={errors.exitPossibility}
          options={[
            choose,
            ...exitPossibilityCodes.map((c) => ({
              value: c,
              label: t(`contracts.register.exitPossibility.${c}`),
            })),
          ]}
        />
        <TextAreaField
          name="exitNotes"
          label={t('contracts.register.field.exitNotes')}
          defaultValue={raw.exitNotes}
          error={errors.exitNotes}
          maxLength={2000}
        />
        <div className="filters">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('contracts.register.save')}
          </button>
        </div>
      </Form>
    </div>
  );
}
