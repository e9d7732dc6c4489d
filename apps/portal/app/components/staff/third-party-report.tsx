import { DescriptionList } from '@outpost/ui';
import { useId, useState } from 'react';
import { Form, useNavigation } from 'react-router';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import type { ApplicationView } from '../../lib/staff/application-view.server';
import { InputField } from './fields';
import { FormOutcome, fieldErrorsOf } from './form-outcome';
import { ScoreField } from './stage-panels';

type Assessment = NonNullable<ApplicationView['assessment']>;

/**
 * The third-party assessment report (第三方评估报告) inside the assessment panel:
 * the attached file with its download link, and (while the assessment can change)
 * a multipart form to attach or replace it with the assessor and their score. The
 * report is internal; core never shows it to the partner.
 */
export function ThirdPartyReport({
  assessment,
  upload,
  editable,
  result,
}: {
  assessment: ApplicationView['assessment'];
  upload: ApplicationView['reportUpload'];
  editable: boolean;
  result: StaffActionData | undefined;
}) {
  const t = useT();
  const report = assessment?.thirdPartyReport ?? null;
  return (
    <section className="stack staff-report" aria-labelledby="report-heading">
      <h3 id="report-heading">{t('staff-portal.report.title')}</h3>
      <p className="muted">{t('staff-portal.report.internal')}</p>
      {report ? (
        <DescriptionList
          items={[
            { term: t('staff-portal.report.fileName'), details: report.fileName },
            { term: t('staff-portal.report.size'), details: report.size },
            {
              term: t('staff-portal.report.uploaded'),
              details: t('staff-portal.report.uploadedValue', {
                when: report.uploadedAt,
                name: report.uploadedBy ?? t('staff-portal.event.system'),
              }),
            },
          ]}
        />
      ) : (
        <p className="muted">{t('staff-portal.report.none')}</p>
      )}
      {report ? (
        <p>
          <a href={report.href} download>
            {t('staff-portal.report.download', { file: report.fileName })}
          </a>
        </p>
      ) : null}
      <FormOutcome result={result} intent="report" />
      {editable && assessment ? (
        <ReportForm assessment={assessment} upload={upload} hasReport={!!report} result={result} />
      ) : editable ? (
        <p className="muted">{t('staff-portal.report.needsAssessment')}</p>
      ) : null}
    </section>
  );
}

function ReportForm({
  assessment,
  upload,
  hasReport,
  result,
}: {
  assessment: Assessment;
  upload: ApplicationView['reportUpload'];
  hasReport: boolean;
  result: StaffActionData | undefined;
}) {
  const t = useT();
  const id = useId();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'report';
  const serverErrors = fieldErrorsOf(result, 'report');
  // A file over the limit is refused before it is sent: the server would cut the upload off.
  const [tooLarge, setTooLarge] = useState(false);
  const fileError = tooLarge
    ? t('staff-portal.report.tooLarge', { size: upload.maxSize })
    : serverErrors.file;
  // A fresh form after each success, so the chosen file does not linger.
  const formKey = result?.intent === 'report' && result.notice ? `report-${result.at}` : 'report';
  return (
    <Form
      key={formKey}
      method="post"
      encType="multipart/form-data"
      noValidate
      preventScrollReset
      className="stack staff-subform"
      onSubmit={(event) => {
        const input = event.currentTarget.elements.namedItem('file') as HTMLInputElement | null;
        const file = input?.files?.[0];
        const over = !!file && file.size > upload.maxBytes;
        setTooLarge(over);
        if (over) {
          event.preventDefault();
          input?.focus();
        }
      }}
    >
      <h4>{hasReport ? t('staff-portal.report.replace') : t('staff-portal.report.attach')}</h4>
      <input type="hidden" name="intent" value="report" />
      <div className={fileError ? 'ui-field ui-field--invalid' : 'ui-field'}>
        <label htmlFor={`${id}-file`}>{t('staff-portal.report.file')}</label>
        <p id={`${id}-hint`} className="ui-field__hint">
          {t('staff-portal.report.fileHint', { size: upload.maxSize })}
        </p>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept={upload.accept}
          required
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={() => setTooLarge(false)}
        />
        {fileError ? (
          <p id={`${id}-error`} className="ui-field__error" role="alert">
            {fileError}
          </p>
        ) : null}
      </div>
      <div className="staff-row">
        <InputField
          name="assessor"
          label={t('staff-portal.assessment.thirdPartyAssessor')}
          hint={t('staff-portal.report.keepHint')}
          maxLength={200}
          defaultValue={assessment.thirdPartyAssessor ?? undefined}
          error={serverErrors.assessor}
        />
        <ScoreField
          name="score"
          label={t('staff-portal.assessment.thirdPartyScore')}
          defaultValue={assessment.thirdPartyScore}
          error={serverErrors.score}
        />
      </div>
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('staff-portal.report.uploading') : t('staff-portal.report.upload')}
        </button>
      </div>
    </Form>
  );
}
