import {
  approvalState,
  can,
  currentTermEnd,
  isInForce,
  renewalTermStart,
  startRenewal,
  decideContractApproval,
  getContract,
  reviewContract,
  startAmendment,
  submitContract,
  uploadSignedContract,
} from '@outpost/core';
import { formatDateTime, formatDay, formatNumber, todayInChina, translate } from '@outpost/i18n';
import { Alert, Badge } from '@outpost/ui';
import { data, Form, redirect, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { ApprovalCard, LegalReviewForm } from '../../components/contracts/approval-card';
import { ClauseDiff } from '../../components/contracts/clause-diff';
import { ContractHistory } from '../../components/contracts/contract-history';
import { ContractRegisterCard } from '../../components/contracts/contract-register';
import { ContractExecutionSection } from '../../components/contracts/execution-section';
import { ContractBody } from '../../components/contracts/contract-body';
import { ContractStatusBadge } from '../../components/contracts/contract-labels';
import { AmendmentSummary } from '../../components/contracts/amendment-summary';
import { SignForm } from '../../components/contracts/sign-form';
import { SignedCopies } from '../../components/contracts/signed-copies';
import { RenewalStart } from '../../components/contracts/renewal-start';
import { depsContext, localeContext } from '../../context';
import { formText, orRouteError } from '../../lib/app-error.server';
import { contractActionErrors } from '../../lib/contracts/contract-errors.server';
import { amendmentSummary, signedCopiesView } from '../../lib/contracts/amendment-view.server';
import { approvalView } from '../../lib/contracts/approval-view.server';
import { contractView } from '../../lib/contracts/contract-view.server';
import { historyView, registerView } from '../../lib/contracts/archive-view.server';
import { executionView } from '../../lib/contracts/execution-view.server';
import type { FormErrors } from '../../lib/form-errors';
import { useT } from '../../lib/i18n';
import { OwnershipPanel } from '../../components/ownership/ownership-panel';
import { ownershipLookup, ownershipView } from '../../lib/ownership/ownership.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/contract';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const actor = person.actor;
  const contract = await orRouteError(locale, () => getContract(db, actor, params.contractId));
  const view = await contractView(db, actor, locale, contract);
  const approval = contract.status === 'approval' ? await approvalState(db, actor, contract.id) : null;
  const mine = approval?.approvers.find((a) => a.id === person.user.id);
  const mayReview = can(actor, 'review:contract');
  const amendment = await amendmentSummary(db, actor, locale, contract.id);
  const mayAmend = can(actor, 'manage:contract') && isInForce(contract.status);
  const terms = contract.version.terms;
  return {
    contract: view,
    // Decision record 040: the amendment under way, and every countersigned copy with its hash.
    amendment,
    mayAmend,
    // Decision record 047: a renewal starts from the page of a contract in force with nothing under way.
    renewal:
      mayAmend && !amendment
        ? {
            currentEnd: formatDay(locale, currentTermEnd(terms, todayInChina())) ?? '',
            nextStart: formatDay(locale, renewalTermStart(terms)) ?? '',
            annualValue: `${formatNumber(locale, terms.annualValueCents / 100, 2)} ${terms.currency ?? 'CNY'}`,
            currency: terms.currency ?? 'CNY',
          }
        : null,
    signedCopies: await signedCopiesView(db, actor, locale, contract.id, `/s/contracts/${contract.id}`),
    history: await historyView(db, actor, locale, contract.id),
    register: await registerView(db, actor, locale, contract.id),
    mayManage: can(actor, 'manage:contract'),
    execution: await executionView(db, actor, locale, contract.id),
    mayReview: mayReview && contract.status === 'legal_review',
    mayDecide: Boolean(mine && !mine.decision),
    changes: mayReview && contract.status === 'legal_review' ? contract.changes : [],
    reviews: contract.reviews.map((r) => ({
      version: r.version,
      decision: r.decision,
      comments: r.comments,
      reviewer: r.reviewer,
      at: formatDateTime(locale, r.at),
    })),
    approval: approval ? approvalView(locale, approval) : null,
    // Decision record 050: the owning department and the responsible person.
    ownership: ownershipView(await ownershipLookup(db, actor), locale, 'contract', {
      id: contract.id,
      ownerId: contract.ownerId,
      departmentId: contract.departmentId,
    }),
  };
}

const intents = ['submit', 'review', 'decide', 'sign', 'amend', 'renew'] as const;
type Intent = (typeof intents)[number];

export async function action({ context, request, params }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const deps = context.get(depsContext);
  const form = await request.formData();
  const intent = intents.find((i) => i === formText(form, 'intent'));
  const contractId = params.contractId;
  const refused = (status: number, errors: FormErrors, at: Intent | null = intent ?? null) =>
    data({ ok: false as const, intent: at, errors, at: Date.now() }, { status });
  if (!intent) return refused(400, { form: translate(locale, 'errors.bad_request') });
  try {
    let notice: string;
    if (intent === 'amend') {
      await startAmendment(deps.db, person.actor, contractId, { reason: formText(form, 'reason') });
      return redirect(`/s/contracts/${contractId}/edit`);
    }
    if (intent === 'renew') {
      const value = formText(form, 'annualValue').trim();
      const yuan = Number(value);
      if (value !== '' && !(Number.isFinite(yuan) && yuan >= 0)) {
        return refused(422, {
          fields: { annualValue: translate(locale, 'contracts.renewal.annualValueInvalid') },
        });
      }
      const reason = formText(form, 'reason').trim();
      await startRenewal(deps.db, person.actor, contractId, {
        endDate: formText(form, 'endDate'),
        ...(value !== '' ? { annualValueCents: Math.round(yuan * 100) } : {}),
        ...(reason ? { reason } : {}),
      });
      return redirect(`/s/contracts/${contractId}/amendment`);
    }
    if (intent === 'submit') {
      const result = await submitContract(deps.db, person.actor, contractId);
      notice = translate(
        locale,
        result.legalReviewRequired ? 'contracts.action.submittedLegal' : 'contracts.action.submittedApproval',
      );
    } else if (intent === 'review') {
      const decision = formText(form, 'decision') === 'return' ? 'return' : 'approve';
      await reviewContract(deps.db, person.actor, contractId, {
        decision,
        comments: formText(form, 'comments'),
      });
      notice = translate(
        locale,
        decision === 'approve' ? 'contracts.action.legalApproved' : 'contracts.action.legalReturned',
      );
    } else if (intent === 'decide') {
      const decision = formText(form, 'decision') === 'return' ? 'return' : 'approve';
      const reason = formText(form, 'reason').trim();
      // A return needs its reason (core refuses it too); said here under the field, in words.
      if (decision === 'return' && reason.length < 3) {
        return refused(422, { fields: { reason: translate(locale, 'contracts.approval.reasonRequired') } });
      }
      const result = await decideContractApproval(deps.db, person.actor, {
        contractId,
        decision,
        ...(reason ? { reason } : {}),
        via: 'web',
      });
      notice = translate(
        locale,
        result.outcome === 'approved'
          ? 'contracts.action.approvedAll'
          : result.outcome === 'returned'
            ? 'contracts.action.returned'
            : 'contracts.action.voted',
        { approve: result.tally.approve, approvers: result.tally.approvers },
      );
    } else {
      const file = form.get('file');
      if (!(file instanceof File) || file.size === 0) {
        return refused(422, { fields: { file: translate(locale, 'contracts.sign.fileMissing') } });
      }
      await uploadSignedContract(
        deps.db,
        person.actor,
        deps.storage,
        { contractId, fileName: file.name || 'signed.pdf', bytes: new Uint8Array(await file.arrayBuffer()) },
        { maxBytes: deps.uploadMaxBytes },
      );
      notice = translate(locale, 'contracts.action.signed');
    }
    return data({ ok: true as const, intent, notice, at: Date.now() });
  } catch (raw) {
    const mapped = contractActionErrors(raw, locale, {
      comments: translate(locale, 'contracts.review.comments'),
      reason: translate(
        locale,
        intent === 'amend'
          ? 'contracts.amendment.reason'
          : intent === 'renew'
            ? 'contracts.renewal.reason'
            : 'contracts.approval.reason',
      ),
      endDate: translate(locale, 'contracts.renewal.endDate'),
      annualValueCents: translate(locale, 'contracts.renewal.annualValue', { currency: '' }),
    });
    if (!mapped) throw raw;
    // The renewal form names its value field annualValue (in yuan).
    if (intent === 'renew' && mapped.errors.fields?.annualValueCents) {
      mapped.errors.fields.annualValue = mapped.errors.fields.annualValueCents;
    }
    return refused(mapped.status, mapped.errors);
  }
}

/** One contract for staff: its text, state, legal review and approval, and the actions of the moment. */
export default function StaffContract({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const { contract, approval, changes, reviews } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const fieldError = (intent: Intent, field: string) =>
    failed?.intent === intent ? failed.errors.fields?.[field] : undefined;
  const outcome = (intent: Intent) =>
    actionData?.intent === intent ? (
      actionData.ok ? (
        <Alert tone="success">{actionData.notice}</Alert>
      ) : actionData.errors.form ? (
        <Alert tone="error">{actionData.errors.form}</Alert>
      ) : null
    ) : null;
  const base = `/s/contracts/${contract.id}`;
  return (
    <div className="page">
      <title>{`${t('contracts.detail.title', { reference: contract.reference })} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/contracts">{t('contracts.detail.back')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{contract.partnerName}</p>
        <h1>{t('contracts.detail.title', { reference: contract.reference })}</h1>
        <p>
          <ContractStatusBadge status={contract.status} />{' '}
          <span className="muted">{t('contracts.version', { version: contract.version })}</span>{' '}
          <span className="muted">{t(`criticality.${contract.criticality}` as 'criticality.standard')}</span>
        </p>
        <p>
          <AppLink to={`/s/partners/${contract.partnerId}`}>{t('contracts.detail.partnerLink')}</AppLink>
        </p>
      </header>
      {/* Outcomes at the top: a decision moves the contract on, and its form's section goes with it. */}
      {outcome('submit')}
      {outcome('review')}
      {outcome('decide')}
      {outcome('sign')}

      <section className="card stack" aria-labelledby="contract-actions">
        <h2 id="contract-actions">{t('contracts.detail.actions')}</h2>
        {contract.status === 'draft' ? (
          loaderData.mayManage ? (
            <div className="filters">
              <AppLink to={`${base}/edit`} className="button">
                {t('contracts.detail.edit')}
              </AppLink>
              <Form method="post">
                <input type="hidden" name="intent" value="submit" />
                <button type="submit" className="button button--primary" disabled={busy}>
                  {t('contracts.detail.submit')}
                </button>
              </Form>
            </div>
          ) : (
            <p className="muted">{t('contracts.detail.draftReadOnly')}</p>
          )
        ) : null}
        {contract.status === 'legal_review' ? <p>{t('contracts.detail.inLegalReview')}</p> : null}
        {contract.status === 'approval' ? <p>{t('contracts.detail.inApproval')}</p> : null}
        {contract.mayDownloadPdf ? (
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
        ) : null}
        {contract.status === 'signing' ? (
          loaderData.mayManage ? (
            <SignForm error={fieldError('sign', 'file')} busy={busy} />
          ) : (
            <p className="muted">{t('contracts.detail.awaitingSignature')}</p>
          )
        ) : null}
      </section>

      {loaderData.mayReview ? (
        <section className="card stack" aria-labelledby="contract-review">
          <h2 id="contract-review">{t('contracts.review.title')}</h2>
          <p className="muted">{t('contracts.review.intro')}</p>
          {changes.length === 0 ? (
            <p>{t('contracts.review.noChanges')}</p>
          ) : (
            <ul className="stack">
              {changes.map((c) => (
                <li key={c.index} className="stack">
                  <h3>
                    {t('contracts.pdf.article', { n: c.index + 1 })}{' '}
                    {t(`contracts.kind.${c.kind}` as 'contracts.kind.rights')}{' '}
                    {c.added ? <Badge tone="info">{t('contracts.review.newClause')}</Badge> : null}
                  </h3>
                  <p className="muted">{t('contracts.lang.zh')}</p>
                  <ClauseDiff parts={c.zh} lang="zh-CN" />
                  <p className="muted">{t('contracts.lang.en')}</p>
                  <ClauseDiff parts={c.en} lang="en" />
                </li>
              ))}
            </ul>
          )}

          <LegalReviewForm busy={busy} error={fieldError('review', 'comments')} />
        </section>
      ) : null}

      {approval ? (
        <ApprovalCard
          approval={approval}
          mayDecide={loaderData.mayDecide}
          busy={busy}
          reasonError={fieldError('decide', 'reason')}
        />
      ) : null}

      <AmendmentSummary
        contractId={contract.id}
        amendment={loaderData.amendment}
        mayStart={loaderData.mayAmend}
        busy={busy}
        error={fieldError('amend', 'reason') ?? (failed?.intent === 'amend' ? failed.errors.form : undefined)}
      />
      {loaderData.renewal ? (
        <RenewalStart
          renewal={loaderData.renewal}
          busy={busy}
          errors={{
            endDate: fieldError('renew', 'endDate'),
            annualValue: fieldError('renew', 'annualValue'),
            reason: fieldError('renew', 'reason'),
            form: failed?.intent === 'renew' ? failed.errors.form : undefined,
          }}
        />
      ) : null}
      <SignedCopies copies={loaderData.signedCopies} />

      <ContractBody contract={contract} />
      <ContractRegisterCard register={loaderData.register} base={base} mayEdit={loaderData.mayManage} />
      <OwnershipPanel view={loaderData.ownership} />
      <ContractExecutionSection
        execution={loaderData.execution}
        evaluate={
          loaderData.mayManage
            ? {
                returnTo: `/s/contracts/${contract.id}#execution`,
                defaultPeriod: loaderData.execution[0]?.period ?? '',
              }
            : null
        }
      />

      <section className="card stack" aria-labelledby="contract-reviews">
        <h2 id="contract-reviews">{t('contracts.reviews.title')}</h2>
        {reviews.length === 0 ? (
          <p className="muted">
            {contract.legalReviewRequired === false
              ? t('contracts.reviews.notRequired')
              : t('contracts.reviews.none')}
          </p>
        ) : (
          <ol className="stack">
            {reviews.map((r) => (
              <li key={`${r.version}-${r.at}`}>
                <strong>{t(`contracts.reviews.decision.${r.decision}`, { version: r.version })}</strong>
                {' · '}
                {r.reviewer} · {r.at}
                {r.comments ? <p>{r.comments}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      <ContractHistory history={loaderData.history} base={base} />
    </div>
  );
}
