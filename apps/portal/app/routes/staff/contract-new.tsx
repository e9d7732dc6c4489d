import { can, draftContract, listPartners, listTemplates } from '@outpost/core';
import { translate } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import { data, Form, redirect, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { DraftFields } from '../../components/contracts/draft-fields';
import { depsContext, localeContext } from '../../context';
import {
  draftFormErrors,
  emptyDraftForm,
  kpiChoices,
  localErrors,
  readDraftForm,
  templateVariables,
} from '../../lib/contracts/draft-form.server';
import type { FormErrors } from '../../lib/form-errors';
import { useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/contract-new';

/** Staff who draft contracts (manage:contract); others get a 403 page. */
function requireDrafter(context: Route.LoaderArgs['context'], request: Request) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  if (!can(person.actor, 'manage:contract')) throw routeError(locale, 403, 'errors.forbidden');
  return { actor: person.actor, locale, db: context.get(depsContext).db };
}

/** The partner and template chosen (?partner=&template=), checked against what exists. */
async function choices(
  db: ReturnType<typeof requireDrafter>['db'],
  actor: ReturnType<typeof requireDrafter>['actor'],
  partnerParam: string,
  templateParam: string,
) {
  const [partners, templates] = await Promise.all([
    listPartners(db, actor, { status: 'active', pageSize: 100 }),
    listTemplates(db, actor),
  ]);
  const partner = partners.items.find((p) => p.id === partnerParam);
  const fitting = partner
    ? templates.filter((t) => partner.serviceCategories.includes(t.serviceCategory))
    : [];
  const template =
    fitting.find((t) => t.id === templateParam) ?? (fitting.length === 1 ? fitting[0] : undefined);
  return { partners: partners.items, partner, fitting, template };
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, locale, db } = requireDrafter(context, request);
  const params = new URL(request.url).searchParams;
  const chosen = await choices(db, actor, params.get('partner') ?? '', params.get('template') ?? '');
  return {
    partners: chosen.partners.map((p) => ({ id: p.id, name: p.legalName })),
    partnerId: chosen.partner?.id ?? '',
    templates: chosen.fitting.map((t) => ({
      id: t.id,
      name: locale === 'en' ? t.nameEn : t.nameZh,
      category: t.serviceCategory,
    })),
    templateId: chosen.template?.id ?? '',
    variables: chosen.template ? await templateVariables(db, actor, chosen.template.clauseIds, locale) : [],
    kpis: await kpiChoices(db, actor, locale),
    values: emptyDraftForm(),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { actor, locale, db } = requireDrafter(context, request);
  const form = await request.formData();
  const chosen = await choices(
    db,
    actor,
    String(form.get('partnerId') ?? ''),
    String(form.get('templateId') ?? ''),
  );
  if (!chosen.partner || !chosen.template) {
    return data(
      {
        errors: { form: translate(locale, 'contracts.form.chooseFirst') } as FormErrors,
        values: emptyDraftForm(),
        at: Date.now(),
      },
      { status: 422 },
    );
  }
  const variables = await templateVariables(db, actor, chosen.template.clauseIds, locale);
  const { echo, fields, input } = readDraftForm(form, variables, locale);
  if (Object.keys(fields).length > 0) {
    return data({ errors: localErrors(fields, locale), values: echo, at: Date.now() }, { status: 422 });
  }
  try {
    const contract = await draftContract(db, actor, {
      partnerId: chosen.partner.id,
      templateId: chosen.template.id,
      // Blank numbers stay undefined, so core names them "fill this in".
      terms: input.terms as Parameters<typeof draftContract>[2]['terms'],
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

/** Staff draft a contract: partner, a template of its categories, terms, values and SLA targets. */
export default function NewContract({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { partners, partnerId, templates, templateId } = loaderData;
  const ready = Boolean(partnerId && templateId);
  return (
    <div className="page">
      <title>{`${t('contracts.form.newTitle')} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/contracts">{t('contracts.detail.back')}</AppLink>
      </nav>
      <header className="page-header">
        <h1>{t('contracts.form.newTitle')}</h1>
        <p className="muted">{t('contracts.form.newIntro')}</p>
      </header>
      {actionData?.errors.form ? <Alert tone="error">{actionData.errors.form}</Alert> : null}

      <Form method="get" className="filters" aria-label={t('contracts.form.choose')}>
        <div className="ui-field">
          <label htmlFor="contract-partner">{t('contracts.form.partner')}</label>
          <select id="contract-partner" name="partner" defaultValue={partnerId}>
            <option value="" disabled>
              {t('contracts.form.partner')}
            </option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {partnerId ? (
          templates.length === 0 ? (
            <p className="muted">{t('contracts.form.noTemplate')}</p>
          ) : (
            <div className="ui-field">
              <label htmlFor="contract-template">{t('contracts.form.template')}</label>
              <select id="contract-template" name="template" defaultValue={templateId}>
                {templates.map((tp) => (
                  <option key={tp.id} value={tp.id}>
                    {tp.name} · {t(`category.${tp.category}`)}
                  </option>
                ))}
              </select>
            </div>
          )
        ) : null}
        <button type="submit" className="button">
          {t('contracts.form.choose')}
        </button>
      </Form>

      {ready ? (
        <Form method="post" className="stack" noValidate key={actionData?.at ?? 'new'}>
          <input type="hidden" name="partnerId" value={partnerId} />
          <input type="hidden" name="templateId" value={templateId} />
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
              {t('contracts.form.create')}
            </button>
          </div>
        </Form>
      ) : (
        <p className="muted">{t('contracts.form.chooseFirst')}</p>
      )}
    </div>
  );
}
