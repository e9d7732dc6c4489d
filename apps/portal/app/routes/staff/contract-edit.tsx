import { can, getContract, updateDraft } from '@outpost/core';
import { Alert } from '@outpost/ui';
import { data, Form, redirect, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { DraftFields } from '../../components/contracts/draft-fields';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import {
  draftFormErrors,
  draftFormOf,
  kpiChoices,
  localErrors,
  readDraftForm,
  variablesOf,
} from '../../lib/contracts/draft-form.server';
import { useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/contract-edit';

/** The draft to edit, for staff who draft contracts; a contract past draft is a 409 page. */
async function editableDraft(context: Route.LoaderArgs['context'], request: Request, contractId: string) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  if (!can(person.actor, 'manage:contract')) throw routeError(locale, 403, 'errors.forbidden');
  const contract = await orRouteError(locale, () => getContract(db, person.actor, contractId));
  if (contract.status !== 'draft') throw routeError(locale, 409, 'errors.contracts.not_draft');
  const variables = variablesOf(contract.version.clauses, locale);
  return { actor: person.actor, locale, db, contract, variables };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, locale, db, contract, variables } = await editableDraft(context, request, params.contractId);
  const v = contract.version;
  return {
    id: contract.id,
    reference: contract.reference,
    partnerName: contract.partnerName,
    variables,
    kpis: await kpiChoices(db, actor, locale),
    values: draftFormOf(v.terms, v.values, v.slaTargets, variables),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor, locale, db, contract, variables } = await editableDraft(context, request, params.contractId);
  const { echo, fields, input } = readDraftForm(await request.formData(), variables, locale);
  if (Object.keys(fields).length > 0) {
    return data({ errors: localErrors(fields, locale), values: echo, at: Date.now() }, { status: 422 });
  }
  try {
    await updateDraft(db, actor, contract.id, {
      terms: input.terms as NonNullable<Parameters<typeof updateDraft>[3]['terms']>,
      values: input.values,
      slaTargets: input.slaTargets,
    });
    return redirect(`/s/contracts/${contract.id}`);
  } catch (raw) {
    const mapped = draftFormErrors(raw, locale, variables, echo);
    if (!mapped) throw raw;
    return data({ errors: mapped.errors, values: echo, at: Date.now() }, { status: mapped.status });
  }
}

/** Staff change a draft's terms, values and SLA targets. */
export default function EditContract({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  return (
    <div className="page">
      <title>{`${t('contracts.form.editTitle', { reference: loaderData.reference })} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to={`/s/contracts/${loaderData.id}`}>
          ← {t('contracts.detail.title', { reference: loaderData.reference })}
        </AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{loaderData.partnerName}</p>
        <h1>{t('contracts.form.editTitle', { reference: loaderData.reference })}</h1>
      </header>
      {actionData?.errors.form ? <Alert tone="error">{actionData.errors.form}</Alert> : null}
      <Form method="post" className="stack" noValidate key={actionData?.at ?? 'edit'}>
        <DraftFields
          values={actionData?.values ?? loaderData.values}
          errors={actionData?.errors.fields ?? {}}
          variables={loaderData.variables}
          kpis={loaderData.kpis}
        />
        <div>
          <button
            type="submit"
            className="button button--primary"
            disabled={navigation.state === 'submitting'}
          >
            {t('contracts.form.save')}
          </button>
        </div>
      </Form>
    </div>
  );
}
