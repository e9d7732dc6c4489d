import { Alert, Badge } from '@outpost/ui';
import { Form, useNavigation } from 'react-router';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import type { ApplicationView } from '../../lib/staff/application-view.server';
import { TextAreaField } from './fields';
import { fieldErrorsOf } from './form-outcome';
import { voteLabel } from './labels';

const voteTone = { approve: 'positive', reject: 'negative', abstain: 'neutral' } as const;

/**
 * The committee (审批委员会) at work: members, quorum, the running tally and each
 * vote with its reason and channel. A member who has not voted gets the same three
 * choices as the Slack ballot; a rejection needs a reason.
 */
export function CommitteePanel({
  committee,
  canVote,
  myVote,
  result,
}: {
  committee: NonNullable<ApplicationView['committee']>;
  canVote: boolean;
  myVote: ApplicationView['myVote'];
  result: StaffActionData | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'vote';
  const errors = fieldErrorsOf(result, 'vote');
  const { tally } = committee;
  return (
    <section className="card stack" aria-labelledby="committee-heading">
      <h2 id="committee-heading">{t('staff-portal.committee.title')}</h2>
      {tally ? (
        <p className="staff-tally" role="status">
          {t('committee.tally', { ...tally })}
        </p>
      ) : null}
      <p className="muted">
        {t('staff-portal.committee.rule', {
          quorum: committee.quorum,
          share: `${Math.round(committee.approvalRatio * 1000) / 10}%`,
        })}
      </p>
      {/* The member's own vote comes before the table of everyone's, so it is on the first screen. */}
      {myVote ? <p>{t('committee.youVoted', { vote: myVote.vote })}</p> : null}
      {result?.intent === 'vote' && result.notice ? <Alert tone="success">{result.notice}</Alert> : null}
      {result?.intent === 'vote' && result.errors?.form && !errors.reason ? (
        <Alert tone="error">{result.errors.form}</Alert>
      ) : null}
      {canVote ? (
        <Form method="post" noValidate preventScrollReset className="stack staff-subform">
          <h3>{t('staff-portal.committee.yourVote')}</h3>
          <input type="hidden" name="intent" value="vote" />
          <TextAreaField
            name="reason"
            label={t('staff-portal.committee.reasonLabel')}
            hint={t('staff-portal.committee.reasonHint')}
            rows={2}
            maxLength={2000}
            error={errors.reason}
          />
          <div className="staff-actions">
            <button
              type="submit"
              name="vote"
              value="approve"
              className="button button--primary"
              disabled={busy}
            >
              {t('vote.approve')}
            </button>
            <button type="submit" name="vote" value="reject" className="button staff-danger" disabled={busy}>
              {t('vote.reject')}
            </button>
            <button type="submit" name="vote" value="abstain" className="button" disabled={busy}>
              {t('vote.abstain')}
            </button>
          </div>
        </Form>
      ) : null}
      {/* biome-ignore lint/a11y/useSemanticElements: a labelled scroll container, not a document section. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users need focus to scroll it. */}
      <div className="table-scroll" role="region" aria-labelledby="committee-caption" tabIndex={0}>
        <table className="table">
          <caption id="committee-caption" className="visually-hidden">
            {t('staff-portal.committee.members')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('staff-portal.committee.member')}</th>
              <th scope="col">{t('staff-portal.committee.vote')}</th>
              <th scope="col">{t('staff-portal.committee.reason')}</th>
              <th scope="col">{t('staff-portal.committee.via')}</th>
            </tr>
          </thead>
          <tbody>
            {committee.members.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name ?? t('staff-portal.committee.unknownMember')}</th>
                <td>
                  {m.vote ? (
                    <>
                      <Badge tone={voteTone[m.vote.vote]}>{voteLabel(t, m.vote.vote)}</Badge>
                      <div className="muted">{m.vote.castAt}</div>
                    </>
                  ) : (
                    <span className="muted">{t('staff-portal.committee.notVoted')}</span>
                  )}
                </td>
                <td>{m.vote?.reason ?? t('common.none')}</td>
                <td>{m.vote ? t(`staff-portal.committee.via.${m.vote.via}` as never) : t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
