import { formatDay, type Locale, translate } from '@outpost/i18n';
import { renderPdf } from '@outpost/pdf';

export interface CertificateFacts {
  holder: string;
  titleZh: string;
  titleEn: string;
  version: number;
  category: string;
  completedOn: string;
  minutes: number;
  code: string;
}

/**
 * The certificate a learner downloads, in their language, with the code and the address where
 * anyone can check it. Dated by the completion, so the same certificate is the same file.
 */
export function certificatePdf(
  facts: CertificateFacts,
  locale: Locale,
  verifyUrl: string,
): Promise<Uint8Array> {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const title = locale === 'en' ? facts.titleEn : facts.titleZh;
  return renderPdf({
    title: t('training.certificateTitle'),
    subject: title,
    language: locale,
    createdAt: new Date(`${facts.completedOn}T00:00:00Z`),
    footer: t('training.certificateVerify', { url: verifyUrl }),
    blocks: [
      { kind: 'spacer', size: 40 },
      { kind: 'title', text: t('training.certificateTitle'), align: 'center' },
      { kind: 'spacer', size: 16 },
      { kind: 'paragraph', text: t('training.certificateBody', { holder: facts.holder }), align: 'center' },
      { kind: 'spacer', size: 16 },
      {
        kind: 'fields',
        rows: [
          { label: t('training.certificateHolder'), value: facts.holder },
          {
            label: t('training.certificateCourse'),
            value: `${title} (${t('training.version', { version: facts.version })})`,
          },
          { label: t('training.certificateCategory'), value: t(`training.category.${facts.category}`) },
          {
            label: t('training.certificateDate'),
            value: formatDay(locale, facts.completedOn) ?? facts.completedOn,
          },
          {
            label: t('training.certificateHours'),
            value: String(Math.round((facts.minutes / 60) * 100) / 100),
          },
          { label: t('training.certificateCode'), value: facts.code },
        ],
      },
      { kind: 'spacer', size: 24 },
      { kind: 'rule' },
      {
        kind: 'paragraph',
        text: t('training.certificateVerify', { url: verifyUrl }),
        muted: true,
        align: 'center',
      },
    ],
  });
}
