import { isInForce, can, contractAmendment, getContract, listClauses, updateDraft } from '@outpost/core';
import { Alert } from '@outpost/ui';
import { data, Form, redirect, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { ClauseEditor } from '../../components/contracts/clause-editor';
import { DraftFields } from '../../components/contracts/draft-fields';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { clauseKindList, readClauseEdits } from '../../lib/contracts/clause-edits.server';
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

/**
 * The version to edit, for staff who draft contracts: the draft, or the amendment in draft of a
 * contract in force (decision record 040). Anything else is a 409 page: the version in force is locked.
 */
async function editableDraft(context: Route.LoaderArgs['context'], request: Request, contractId: string) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  if (!can(person.actor, 'manage:contract')) throw routeError(locale, 403, 'errors.forbidden');
  const found = await orRouteError(locale, () => getContract(db, person.actor, contractId));
  const amendment = await contractAmendment(db, person.actor, found.id);
  if (amendment && amendment.status !== 'draft') throw routeError(locale, 409, 'errors.contracts.not_draft');
  if (!amendment && found.status !== 'draft') {
    throw routeError(
      locale,
      409,
      isInForce(found.status) ? 'errors.contracts.version_locked' : 'errors.contracts.not_draft',
    );
  }
  const contract = amendment ? { ...found, version: amendment.version } : found;
  const variables = variablesOf(contract.version.clauses, locale);
  const library = await listClauses(db, person.actor);
  return { actor: person.actor, locale, db, contract, variables, library, amendment: Boolean(amendment) };
}

const libraryChoices = (library: Awaited<ReturnType<typeof listClauses>>, locale: 'zh-CN' | 'en') =>
  library.map((c) => ({
    versionId: c.versionId,
    kind: c.kind,
    title: locale === 'en' ? c.titleEn : c.titleZh,
  }));

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, locale, db, contract, variables, library, amendment } = await editableDraft(
    context,
    request,
    params.contractId,
  );
  const v = contract.version;
  return {
    id: contract.id,
    amendment,
    // Clauses already in the contract are not offered again.
    library: libraryChoices(
      library.filter((c) => !v.clauses.some((x) => x.clauseId === c.id)),
      locale,
    ),
    // A save that comes back to this form (a clause added or removed) shows it afresh.
    stamp: new Date(v.updatedAt).toISOString(),
    kinds: clauseKindList(),
    reference: contract.reference,
    partnerName: contract.partnerName,
    variables,
    kpis: await kpiChoices(db, actor, locale),
    values: draftFormOf(v.terms, v.values, v.slaTargets, variables),
    clauses: v.clauses.map((c) => ({
      title: locale === 'en' ? c.titleEn : c.titleZh,
      kind: c.kind as string,
      bodyZh: c.bodyZh,
      bodyEn: c.bodyEn,
    })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor, locale, db, contract, variables, library, amendment } = await editableDraft(
    context,
    request,
    params.contractId,
  );
  const form = await request.formData();
  const { echo, fields, input } = readDraftForm(form, variables, locale);
  // Clauses: texts as typed, removed, added from the library or written for this contract.
  const edits = readClauseEdits(form, contract.version.clauses, library, locale);
  const allFields = { ...fields, ...edits.errors };
  if (Object.keys(allFields).length > 0) {
    return data(
      { errors: localErrors(allFields, locale), values: echo, clauses: edits.texts, at: Date.now() },
      { status: 422 },
    );
  }
  // Values of the variables of clauses just removed go with them (core refuses a stray value).
  const values = Object.fromEntries(
    Object.entries(input.values).filter(([name]) => edits.variables.has(name)),
  );
  try {
    await updateDraft(db, actor, contract.id, {
      terms: input.terms as NonNullable<Parameters<typeof updateDraft>[3]['terms']>,
      values,
      slaTargets: input.slaTargets,
      // Edited clauses are flagged to legal with a word diff against the library (core).
      ...(edits.clauses ? { clauses: edits.clauses } : {}),
    });
    // A clause added or removed: back to the form (an added clause may bring variables to fill).
    if (edits.structural) return redirect(`/s/contracts/${contract.id}/edit`);
    return redirect(amendment ? `/s/contracts/${contract.id}/amendment` : `/s/contracts/${contract.id}`);
  } catch (raw) {
    const mapped = draftFormErrors(raw, locale, variables, echo);
    if (!mapped) throw raw;
    return data(
      { errors: mapped.errors, values: echo, clauses: edits.texts, at: Date.now() },
      { status: mapped.status },
    );
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
        <AppLink to={`/s/contracts/${loaderData.id}${loaderData.amendment ? '/amendment' : ''}`}>
          ← {t('contracts.detail.title', { reference: loaderData.reference })}
        </AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{loaderData.partnerName}</p>
        <h1>{t('contracts.form.editTitle', { reference: loaderData.reference })}</h1>
        {loaderData.amendment ? <p>{t('contracts.amendment.edit')}</p> : null}
      </header>
      {actionData?.errors.form ? <Alert tone="error">{actionData.errors.form}</Alert> : null}
      <Form method="post" className="stack" noValidate key={actionData?.at ?? loaderData.stamp}>
        <DraftFields
          values={actionData?.values ?? loaderData.values}
          errors={actionData?.errors.fields ?? {}}
          variables={loaderData.variables}
          kpis={loaderData.kpis}
        />
        <ClauseEditor
          clauses={actionData?.clauses ?? loaderData.clauses}
          library={loaderData.library}
          kinds={loaderData.kinds}
          errors={actionData?.errors.fields ?? {}}
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
