import { DescriptionList } from '@outpost/ui';
import { Form, useNavigation } from 'react-router';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import type { ApplicationView } from '../../lib/staff/application-view.server';
import { InputField, TextAreaField } from './fields';
import { FormOutcome, fieldErrorsOf } from './form-outcome';

type Result = StaffActionData | undefined;

function useSubmitting(intent: string): boolean {
  const navigation = useNavigation();
  return navigation.state === 'submitting' && navigation.formData?.get('intent') === intent;
}

export function ScoreField({
  name,
  label,
  error,
  defaultValue,
}: {
  name: string;
  label: string;
  error?: string | undefined;
  defaultValue?: number | null | undefined;
}) {
  const t = useT();
  return (
    <InputField
      name={name}
      label={label}
      type="number"
      min={0}
      max={100}
      step={1}
      inputMode="numeric"
      hint={t('staff-portal.stage.scoreHint')}
      defaultValue={defaultValue ?? undefined}
      error={error}
      className="staff-score"
    />
  );
}

/** On-site inspection (现场考察): what was recorded, and the form while the application is at this stage. */
export function InspectionPanel({
  inspection,
  editable,
  today,
  result,
}: {
  inspection: ApplicationView['inspection'];
  editable: boolean;
  today: string;
  result: Result;
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'inspection');
  const busy = useSubmitting('inspection');
  return (
    <section className="card stack" aria-labelledby="inspection-heading">
      <h2 id="inspection-heading">{t('stage.onsite_inspection')}</h2>
      {inspection ? (
        <DescriptionList
          items={[
            { term: t('staff-portal.stage.inspectedOn'), details: inspection.inspectedOnText },
            {
              term: t('staff-portal.stage.inspectors'),
              details: inspection.inspectors.join('、') || t('common.none'),
            },
            {
              term: t('staff-portal.stage.findings'),
              details: <span className="staff-prose">{inspection.findings}</span>,
            },
            {
              term: t('staff-portal.stage.score'),
              details: t('committee.value.score', { score: inspection.score }),
            },
          ]}
        />
      ) : (
        <p className="muted">{t('staff-portal.stage.notRecorded')}</p>
      )}
      <FormOutcome result={result} intent="inspection" />
      {editable ? (
        <Form method="post" noValidate preventScrollReset className="stack staff-subform">
          <h3>
            {inspection ? t('staff-portal.stage.inspectionEdit') : t('staff-portal.stage.inspectionRecord')}
          </h3>
          <input type="hidden" name="intent" value="inspection" />
          <InputField
            name="inspectedOn"
            type="date"
            label={t('staff-portal.stage.inspectedOn')}
            defaultValue={inspection?.inspectedOn ?? today}
            error={errors.inspectedOn}
          />
          <TextAreaField
            name="inspectors"
            label={t('staff-portal.stage.inspectors')}
            hint={t('staff-portal.stage.inspectorsHint')}
            rows={2}
            defaultValue={inspection?.inspectors.join('\n')}
            error={errors.inspectors}
          />
          <TextAreaField
            name="findings"
            label={t('staff-portal.stage.findings')}
            rows={4}
            maxLength={10_000}
            defaultValue={inspection?.findings}
            error={errors.findings}
          />
          <ScoreField
            name="score"
            label={t('staff-portal.stage.score')}
            defaultValue={inspection?.score}
            error={errors.score}
          />
          <div>
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('staff-portal.stage.inspectionSave')}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

/** Pilot cooperation (试点合作): period, outcome and score. */
export function PilotPanel({
  pilot,
  editable,
  today,
  result,
}: {
  pilot: ApplicationView['pilot'];
  editable: boolean;
  today: string;
  result: Result;
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'pilot');
  const busy = useSubmitting('pilot');
  return (
    <section className="card stack" aria-labelledby="pilot-heading">
      <h2 id="pilot-heading">{t('stage.pilot')}</h2>
      {pilot ? (
        <DescriptionList
          items={[
            { term: t('staff-portal.stage.period'), details: pilot.period },
            {
              term: t('staff-portal.stage.outcome'),
              details: <span className="staff-prose">{pilot.outcome}</span>,
            },
            {
              term: t('staff-portal.stage.score'),
              details: t('committee.value.score', { score: pilot.score }),
            },
          ]}
        />
      ) : (
        <p className="muted">{t('staff-portal.stage.notRecorded')}</p>
      )}
      <FormOutcome result={result} intent="pilot" />
      {editable ? (
        <Form method="post" noValidate preventScrollReset className="stack staff-subform">
          <h3>{pilot ? t('staff-portal.stage.pilotEdit') : t('staff-portal.stage.pilotRecord')}</h3>
          <input type="hidden" name="intent" value="pilot" />
          <div className="staff-row">
            <InputField
              name="startsOn"
              type="date"
              label={t('staff-portal.stage.startsOn')}
              defaultValue={pilot?.startsOn ?? today}
              error={errors.startsOn}
            />
            <InputField
              name="endsOn"
              type="date"
              label={t('staff-portal.stage.endsOn')}
              defaultValue={pilot?.endsOn ?? today}
              error={errors.endsOn}
            />
          </div>
          <TextAreaField
            name="outcome"
            label={t('staff-portal.stage.outcome')}
            rows={4}
            maxLength={10_000}
            defaultValue={pilot?.outcome}
            error={errors.outcome}
          />
          <ScoreField
            name="score"
            label={t('staff-portal.stage.score')}
            defaultValue={pilot?.score}
            error={errors.score}
          />
          <div>
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('staff-portal.stage.pilotSave')}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

const dimensions = ['financial', 'capability', 'compliance', 'reputation'] as const;

/** The four-dimension assessment with the configured weights and the weighted score the committee sees. */
export function AssessmentPanel({
  assessment,
  weights,
  weightedScore,
  editable,
  result,
  children,
}: {
  assessment: ApplicationView['assessment'];
  weights: ApplicationView['weights'];
  weightedScore: number | null;
  editable: boolean;
  result: Result;
  /** Further parts of the assessment shown in the same panel (the third-party report). */
  children?: React.ReactNode;
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'assessment');
  const busy = useSubmitting('assessment');
  const total = weights ? dimensions.reduce((sum, d) => sum + weights[d], 0) : 0;
  const share = (d: (typeof dimensions)[number]) =>
    weights && total > 0 ? `${Math.round((weights[d] / total) * 1000) / 10}%` : t('common.none');
  const dimensionLabel = (d: (typeof dimensions)[number]) => t(`staff-portal.assessment.${d}` as never);
  return (
    <section className="card stack" aria-labelledby="assessment-heading">
      <h2 id="assessment-heading">{t('staff-portal.assessment.title')}</h2>
      {weightedScore !== null ? (
        <p className="staff-score-total" role="status">
          {t('staff-portal.assessment.weighted', { score: weightedScore })}
        </p>
      ) : null}
      {/* biome-ignore lint/a11y/useSemanticElements: a labelled scroll container, not a document section. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users need focus to scroll it. */}
      <div className="table-scroll" role="region" aria-labelledby="assessment-caption" tabIndex={0}>
        <table className="table">
          <caption id="assessment-caption" className="visually-hidden">
            {t('staff-portal.assessment.title')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('staff-portal.assessment.dimension')}</th>
              <th scope="col">{t('staff-portal.assessment.weight')}</th>
              <th scope="col">{t('staff-portal.stage.score')}</th>
            </tr>
          </thead>
          <tbody>
            {dimensions.map((d) => (
              <tr key={d}>
                <th scope="row">{dimensionLabel(d)}</th>
                <td>{share(d)}</td>
                <td>{assessment ? assessment[d] : t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {assessment?.thirdPartyAssessor || assessment?.thirdPartyScore != null ? (
        <p>
          {t('committee.field.thirdParty')}
          {t('common.colon')}
          {assessment.thirdPartyScore != null
            ? assessment.thirdPartyAssessor
              ? t('committee.value.scoreBy', {
                  score: assessment.thirdPartyScore,
                  assessor: assessment.thirdPartyAssessor,
                })
              : t('committee.value.score', { score: assessment.thirdPartyScore })
            : assessment.thirdPartyAssessor}
        </p>
      ) : null}
      {assessment ? (
        <p className="muted">{t('staff-portal.assessment.assessedAt', { when: assessment.assessedAt })}</p>
      ) : null}
      <FormOutcome result={result} intent="assessment" />
      {editable ? (
        <Form method="post" noValidate preventScrollReset className="stack staff-subform">
          <h3>{assessment ? t('staff-portal.assessment.edit') : t('staff-portal.assessment.record')}</h3>
          <input type="hidden" name="intent" value="assessment" />
          <div className="staff-row staff-row--four">
            {dimensions.map((d) => (
              <ScoreField
                key={d}
                name={d}
                label={dimensionLabel(d)}
                defaultValue={assessment?.[d]}
                error={errors[d]}
              />
            ))}
          </div>
          <div className="staff-row">
            <InputField
              name="thirdPartyAssessor"
              label={t('staff-portal.assessment.thirdPartyAssessor')}
              hint={t('staff-portal.assessment.optional')}
              maxLength={200}
              defaultValue={assessment?.thirdPartyAssessor ?? undefined}
              error={errors.thirdPartyAssessor}
            />
            <ScoreField
              name="thirdPartyScore"
              label={t('staff-portal.assessment.thirdPartyScore')}
              defaultValue={assessment?.thirdPartyScore}
              error={errors.thirdPartyScore}
            />
          </div>
          <div>
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('staff-portal.assessment.save')}
            </button>
          </div>
        </Form>
      ) : null}
      {children}
    </section>
  );
}
