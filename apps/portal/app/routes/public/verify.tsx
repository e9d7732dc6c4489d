import { asAppError, verifyCertificate } from '@outpost/core';
import { formatDay } from '@outpost/i18n';
import { Alert, DescriptionList } from '@outpost/ui';
import { data } from 'react-router';
import { localeContext, depsContext } from '../../context';
import { useT } from '../../lib/i18n';
import type { Route } from './+types/verify';

/**
 * Public: anyone holding a certificate can check it here. It confirms holder, course, date and
 * hours and shows nothing else; an unknown code is a plain "not found" with no hint of what exists.
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  try {
    const c = await verifyCertificate(db, params.code);
    return {
      found: true as const,
      holder: c.holder,
      course: locale === 'en' ? c.titleEn : c.titleZh,
      version: c.version,
      category: c.category,
      date: formatDay(locale, c.completedOn) ?? c.completedOn,
      hours: String(Math.round((c.minutes / 60) * 100) / 100),
    };
  } catch (raw) {
    if (asAppError(raw)?.code !== 'not_found') throw raw;
    return data({ found: false as const }, { status: 404 });
  }
}

export default function VerifyCertificate({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const v = loaderData;
  return (
    <div className="page page--narrow">
      <title>{`${t('training.verifyTitle')} · ${t('app.name')}`}</title>
      <h1>{t('training.verifyTitle')}</h1>
      {v.found ? (
        <section className="card stack">
          <Alert tone="success">{t('training.verifyValid')}</Alert>
          <DescriptionList
            items={[
              { term: t('training.certificateHolder'), details: v.holder },
              {
                term: t('training.certificateCourse'),
                details: `${v.course}${t('common.parenthetical', { text: t('training.version', { version: v.version }) })}`,
              },
              {
                term: t('training.certificateCategory'),
                details: t(`training.category.${v.category}` as 'training.category.law_ethics'),
              },
              { term: t('training.certificateDate'), details: v.date },
              { term: t('training.certificateHours'), details: v.hours },
            ]}
          />
        </section>
      ) : (
        <Alert tone="error">{t('training.verifyNotFound')}</Alert>
      )}
    </div>
  );
}
