import {
  approvalState,
  can,
  contractAmendment,
  decideContractApproval,
  getContract,
  reviewContract,
  submitContract,
  uploadSignedContract,
  withdrawAmendment,
  withdrawableStatuses,
} from '@outpost/core';
import { formatDay, translate } from '@outpost/i18n';
import { Alert, Badge } from '@outpost/ui';
import { data, Form, redirect, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { AmendmentChanges } from '../../components/contracts/amendment-changes';
import { ApprovalCard, LegalReviewForm } from '../../components/contracts/approval-card';
import { ClauseDiff } from '../../components/contracts/clause-diff';
import { ContractBody } from '../../components/contracts/contract-body';
import { SignForm } from '../../components/contracts/sign-form';
import { WithdrawForm } from '../../components/contracts/withdraw-form';
import { depsContext, localeContext } from '../../context';
import { formText, orRouteError } from '../../lib/app-error.server';
import { amendmentChangesView } from '../../lib/contracts/amendment-view.server';
import { approvalView } from '../../lib/contracts/approval-view.server';
import { contractActionErrors } from '../../lib/contracts/contract-errors.server';
import { contractView } from '../../lib/contracts/contract-view.server';
import type { FormErrors } from '../../lib/form-errors';
import { useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/contract-amendment';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const actor = person.actor;
  const contract = await orRouteError(locale, () => getContract(db, actor, params.contractId));
  const amendment = await contractAmendment(db, actor, contract.id);
  if (!amendment) throw routeError(locale, 404, 'errors.not_found');
  const view = await contractView(db, actor, locale, { ...contract, version: amendment.version });
  const approval = amendment.status === 'approval' ? await approvalState(db, actor, contract.id) : null;
  const mine = approval?.approvers.find((a) => a.id === person.user.id);
  const mayReview = can(actor, 'review:contract') && amendment.status === 'legal_review';
  return {
    contract: view,
    reference: contract.reference,
    partnerName: contract.partnerName,
    status: amendment.status,
    statusText: translate(locale, `contracts.versionStatus.${amendment.status}`),
    reason: amendment.reason,
    renewal: amendment.version.renewal,
    newTerm:
      amendment.version.renewal && amendment.version.terms.termStartDate
        ? translate(locale, 'contracts.renewal.newTerm', {
            from: formatDay(locale, amendment.version.terms.termStartDate) ?? '',
            to: formatDay(locale, amendment.version.terms.endDate) ?? '',
          })
        : null,
    inForceVersion: amendment.inForceVersion,
    changes: amendmentChangesView(locale, amendment),
    libraryChanges: mayReview ? amendment.libraryChanges : [],
    mayManage: can(actor, 'manage:contract'),
    mayWithdraw:
      can(actor, 'manage:contract') && (withdrawableStatuses as readonly string[]).includes(amendment.status),
    mayReview,
    mayDecide: Boolean(mine && !mine.decision),
    approval: approval ? approvalView(locale, approval) : null,
  };
}

const intents = ['submit', 'withdraw', 'review', 'decide', 'sign'] as const;
type Intent = (typeof intents)[number];

/** Every step of an amendment, through the same core services as the original's (decision record 040). */
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
    if (intent === 'submit') {
      const result = await submitContract(deps.db, person.actor, contractId);
      notice = translate(
        locale,
        result.legalReviewRequired ? 'contracts.action.submittedLegal' : 'contracts.action.submittedApproval',
      );
    } else if (intent === 'withdraw') {
      // Decision record 047: also in legal review or approval, then with a reason.
      const reason = formText(form, 'reason').trim();
      await withdrawAmendment(deps.db, person.actor, contractId, reason ? { reason } : {});
      return redirect(`/s/contracts/${contractId}`);
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
      // Signed: the amendment is the contract's version in force now; the contract page shows it.
      return redirect(`/s/contracts/${contractId}`);
    }
    return data({ ok: true as const, intent, notice, at: Date.now() });
  } catch (raw) {
    const mapped = contractActionErrors(raw, locale, {
      comments: translate(locale, 'contracts.review.comments'),
      reason: translate(
        locale,
        intent === 'withdraw' ? 'contracts.withdraw.reason' : 'contracts.approval.reason',
      ),
    });
    if (!mapped) throw raw;
    return refused(mapped.status, mapped.errors);
  }
}

/** An amendment of a contract in force: what it changes, and the step it is at. */
export default function StaffContractAmendment({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const { contract, approval, status } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const fieldError = (intent: Intent, field: string) =>
    failed?.intent === intent ? failed.errors.fields?.[field] : undefined;
  const base = `/s/contracts/${contract.id}`;
  const title = t(loaderData.renewal ? 'contracts.renewal.title' : 'contracts.amendment.title', {
    reference: loaderData.reference,
    version: contract.version,
  });
  return (
    <div className="page">
      <title>{`${title} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to={base}>{t('contracts.amendment.back', { reference: loaderData.reference })}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{loaderData.partnerName}</p>
        <h1>{title}</h1>
        <p>
          <Badge tone="caution">{loaderData.statusText}</Badge>{' '}
          <span className="muted">
            {t('contracts.amendment.inForce', { version: loaderData.inForceVersion })}
          </span>
        </p>
        <p>
          <strong>{t('contracts.amendment.reasonLabel')}:</strong> {loaderData.reason}
        </p>
        {loaderData.newTerm ? <p>{loaderData.newTerm}</p> : null}
      </header>
      {actionData?.ok ? <Alert tone="success">{actionData.notice}</Alert> : null}
      {failed?.errors.form ? <Alert tone="error">{failed.errors.form}</Alert> : null}

      <section className="card stack" aria-labelledby="contract-actions">
        <h2 id="contract-actions">{t('contracts.detail.actions')}</h2>
        {status === 'draft' && loaderData.mayManage ? (
          <div className="filters">
            <AppLink to={`${base}/edit`} className="button">
              {t('contracts.amendment.edit')}
            </AppLink>
            <Form method="post">
              <input type="hidden" name="intent" value="submit" />
              <button type="submit" className="button button--primary" disabled={busy}>
                {t('contracts.detail.submit')}
              </button>
            </Form>
          </div>
        ) : null}
        {loaderData.mayWithdraw ? (
          <WithdrawForm
            renewal={loaderData.renewal}
            reasonRequired={status !== 'draft'}
            busy={busy}
            error={fieldError('withdraw', 'reason')}
          />
        ) : null}
        {status === 'draft' && !loaderData.mayManage ? (
          <p className="muted">{t('contracts.detail.draftReadOnly')}</p>
        ) : null}
        {status === 'legal_review' ? <p>{t('contracts.detail.inLegalReview')}</p> : null}
        {status === 'approval' ? <p>{t('contracts.detail.inApproval')}</p> : null}
        {status === 'signing' ? (
          <>
            <p className="filters">
              <a className="button" href={`${base}/pdf?lang=zh-CN&version=${contract.version}`}>
                {t('contracts.amendment.pdfZh')}
              </a>
              <a className="button" href={`${base}/pdf?lang=en&version=${contract.version}`}>
                {t('contracts.amendment.pdfEn')}
              </a>
            </p>
            {loaderData.mayManage ? (
              <SignForm error={fieldError('sign', 'file')} busy={busy} />
            ) : (
              <p className="muted">{t('contracts.detail.awaitingSignature')}</p>
            )}
          </>
        ) : null}
      </section>

      <AmendmentChanges changes={loaderData.changes} />

      {loaderData.mayReview ? (
        <section className="card stack" aria-labelledby="contract-review">
          <h2 id="contract-review">{t('contracts.review.title')}</h2>
          <p className="muted">{t('contracts.review.intro')}</p>
          {loaderData.libraryChanges.length === 0 ? (
            <p>{t('contracts.review.noChanges')}</p>
          ) : (
            <ul className="stack">
              {loaderData.libraryChanges.map((c) => (
                <li key={c.index} className="stack">
                  <h3>
                    {t('contracts.pdf.article', { n: c.index + 1 })}{' '}
                    {t(`contracts.kind.${c.kind}` as 'contracts.kind.rights')}{' '}
                    {c.added ? <Badge tone="info">{t('contracts.review.newClause')}</Badge> : null}
                  </h3>
                  <ClauseDiff parts={c.zh} lang="zh-CN" />
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

      <h2>{t('contracts.amendment.text')}</h2>
      <ContractBody contract={contract} />
    </div>
  );
}
