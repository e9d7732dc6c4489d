import { asAppError, getContract, uploadSignedContract } from '@outpost/core';
import { translate } from '@outpost/i18n';
import { Alert } from '@outpost/ui';
import { data, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { ContractBody } from '../../components/contracts/contract-body';
import { ContractHistory } from '../../components/contracts/contract-history';
import { ContractExecutionSection } from '../../components/contracts/execution-section';
import { ContractStatusBadge } from '../../components/contracts/contract-labels';
import { PartnerAmendment } from '../../components/contracts/partner-amendment';
import { SignForm } from '../../components/contracts/sign-form';
import { SignedCopies } from '../../components/contracts/signed-copies';
import { orRouteError } from '../../lib/app-error.server';
import { contractActionErrors } from '../../lib/contracts/contract-errors.server';
import { amendmentSummary, signedCopiesView } from '../../lib/contracts/amendment-view.server';
import { contractView } from '../../lib/contracts/contract-view.server';
import { historyView } from '../../lib/contracts/archive-view.server';
import { executionView } from '../../lib/contracts/execution-view.server';
import type { FormErrors } from '../../lib/form-errors';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { routeError } from '../../lib/route-error';
import type { Route } from './+types/contract';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  // Core answers "not found" for another partner's contract and for one still being negotiated.
  const contract = await orRouteError(locale, () => getContract(deps.db, actor, params.contractId));
  return {
    contract: await contractView(deps.db, actor, locale, contract),
    history: await historyView(deps.db, actor, locale, contract.id),
    maySign: actor.role === 'partner_admin',
    execution: await executionView(deps.db, actor, locale, contract.id),
    // An amendment only from signing on (core); every countersigned copy with its hash.
    amendment: await amendmentSummary(deps.db, actor, locale, contract.id),
    signedCopies: await signedCopiesView(deps.db, actor, locale, contract.id, `/p/contracts/${contract.id}`),
  };
}

/** The partner administrator uploads the countersigned copy (core refuses anyone else). */
export async function action({ context, request, params }: Route.ActionArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const form = await request.formData();
  const refused = (status: number, errors: FormErrors) =>
    data({ ok: false as const, errors, at: Date.now() }, { status });
  try {
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) {
      // Checked after who may sign: a member or another partner's id is refused first.
      await orRouteError(locale, () => getContract(deps.db, actor, params.contractId));
      if (actor.role !== 'partner_admin')
        return refused(403, { form: translate(locale, 'errors.forbidden') });
      return refused(422, { fields: { file: translate(locale, 'contracts.sign.fileMissing') } });
    }
    await uploadSignedContract(
      deps.db,
      actor,
      deps.storage,
      {
        contractId: params.contractId,
        fileName: file.name || 'signed.pdf',
        bytes: new Uint8Array(await file.arrayBuffer()),
      },
      { maxBytes: deps.uploadMaxBytes },
    );
    return data({ ok: true as const, notice: translate(locale, 'contracts.action.signed'), at: Date.now() });
  } catch (raw) {
    const mapped = contractActionErrors(raw, locale);
    if (!mapped) throw raw;
    // Another partner's contract, or one not yet approved: "not found", as the page itself says.
    if (mapped.status === 404)
      throw routeError(locale, 404, asAppError(raw)?.messageKey ?? 'errors.not_found');
    return refused(mapped.status, mapped.errors);
  }
}

/** One of the partner's contracts: its text, the PDF, and the countersigned copy. */
export default function PartnerContract({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { contract } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const base = `/p/contracts/${contract.id}`;
  return (
    <div className="page">
      <title>{`${t('contracts.detail.title', { reference: contract.reference })} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/p/contracts">{t('contracts.partner.back')}</AppLink>
      </p>
      <header className="page-header">
        <h1>{t('contracts.detail.title', { reference: contract.reference })}</h1>
        <p>
          <ContractStatusBadge status={contract.status} />{' '}
          <span className="muted">{t('contracts.version', { version: contract.version })}</span>
        </p>
      </header>
      {actionData?.ok ? <Alert tone="success">{actionData.notice}</Alert> : null}
      {failed?.errors.form ? <Alert tone="error">{failed.errors.form}</Alert> : null}

      <section className="card stack" aria-labelledby="contract-files">
        <h2 id="contract-files">{t('contracts.detail.actions')}</h2>
        <p className="filters">
          <a className="button" href={`${base}/pdf?lang=zh-CN`}>
            {t('contracts.detail.pdfZh')}
          </a>
          <a className="button" href={`${base}/pdf?lang=en`}>
            {t('contracts.detail.pdfEn')}
          </a>
          {contract.signed ? (
            <a className="button" href={`${base}/signed`}>
              {t('contracts.detail.signedCopy')}
            </a>
          ) : null}
        </p>
        {contract.status === 'signing' ? (
          loaderData.maySign ? (
            <>
              <p>{t('contracts.partner.toSign')}</p>
              <SignForm error={failed?.errors.fields?.file} busy={navigation.state === 'submitting'} />
            </>
          ) : (
            <p className="muted">{t('contracts.partner.adminSigns')}</p>
          )
        ) : null}
      </section>

      {loaderData.amendment ? (
        <PartnerAmendment
          contractId={contract.id}
          amendment={loaderData.amendment}
          maySign={loaderData.maySign}
          busy={navigation.state === 'submitting'}
          error={failed?.errors.fields?.file}
        />
      ) : null}
      <SignedCopies copies={loaderData.signedCopies} />

      <ContractBody contract={contract} />
      <ContractHistory history={loaderData.history} base={`/p/contracts/${contract.id}`} />
      <ContractExecutionSection execution={loaderData.execution} />
    </div>
  );
}
