import { can, getContract, updateDraft } from '@outpost/core';
import { Alert } from '@outpost/ui';
import { data, Form, redirect, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { DraftFields } from '../../components/contracts/draft-fields';
import { TextAreaField } from '../../components/staff/fields';
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
    clauses: v.clauses.map((c) => ({
      title: locale === 'en' ? c.titleEn : c.titleZh,
      bodyZh: c.bodyZh,
      bodyEn: c.bodyEn,
    })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor, locale, db, contract, variables } = await editableDraft(context, request, params.contractId);
  const form = await request.formData();
  const { echo, fields, input } = readDraftForm(form, variables, locale);
  // The clause texts as sent (a clause left out of the form keeps its text).
  const current = contract.version.clauses;
  const sent = (name: string, fallback: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : fallback;
  };
  const texts = current.map((c, i) => ({
    title: locale === 'en' ? c.titleEn : c.titleZh,
    bodyZh: sent(`clause.${i}.bodyZh`, c.bodyZh),
    bodyEn: sent(`clause.${i}.bodyEn`, c.bodyEn),
  }));
  const edited = texts.some((x, i) => x.bodyZh !== current[i]!.bodyZh || x.bodyEn !== current[i]!.bodyEn);
  if (Object.keys(fields).length > 0) {
    return data(
      { errors: localErrors(fields, locale), values: echo, clauses: texts, at: Date.now() },
      { status: 422 },
    );
  }
  try {
    await updateDraft(db, actor, contract.id, {
      terms: input.terms as NonNullable<Parameters<typeof updateDraft>[3]['terms']>,
      values: input.values,
      slaTargets: input.slaTargets,
      // Edited clauses are flagged to legal with a word diff against the library (core).
      ...(edited
        ? {
            clauses: current.map((c, i) => ({
              clauseVersionId: c.clauseVersionId,
              titleZh: c.titleZh,
              titleEn: c.titleEn,
              bodyZh: texts[i]!.bodyZh,
              bodyEn: texts[i]!.bodyEn,
              ...(c.clauseVersionId ? {} : { kind: c.kind }),
            })),
          }
        : {}),
    });
    return redirect(`/s/contracts/${contract.id}`);
  } catch (raw) {
    const mapped = draftFormErrors(raw, locale, variables, echo);
    if (!mapped) throw raw;
    return data(
      { errors: mapped.errors, values: echo, clauses: texts, at: Date.now() },
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
        <fieldset className="card stack">
          <legend>{t('contracts.form.clausesTitle')}</legend>
          <p className="muted">{t('contracts.form.clausesIntro')}</p>
          {(actionData?.clauses ?? loaderData.clauses).map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: clauses are numbered by their order.
            <details key={i} className="stack">
              <summary>
                {t('contracts.pdf.article', { n: i + 1 })} {c.title}
              </summary>
              <TextAreaField
                name={`clause.${i}.bodyZh`}
                label={t('contracts.form.clauseZh', { n: i + 1 })}
                defaultValue={c.bodyZh}
                error={actionData?.errors.fields?.[`clause.${i}.bodyZh`]}
                rows={5}
                maxLength={20_000}
              />
              <TextAreaField
                name={`clause.${i}.bodyEn`}
                label={t('contracts.form.clauseEn', { n: i + 1 })}
                defaultValue={c.bodyEn}
                error={actionData?.errors.fields?.[`clause.${i}.bodyEn`]}
                rows={5}
                maxLength={20_000}
              />
            </details>
          ))}
        </fieldset>
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
