import {
  can,
  getApplication,
  getPartner,
  isAppError,
  listApplications,
  missingDocuments,
  submitApplication,
  withdrawApplication,
} from '@outpost/core';
import { admissionStages, type Database, serviceCategories } from '@outpost/db';
import { formatDateTime, type Locale, translate } from '@outpost/i18n';
import { formText } from '../app-error.server';
import type { FormErrors } from '../form-errors';
import { formatDay } from '@outpost/i18n';
import { domainErrorToForm } from './form-errors.server';
import type { PartnerActor } from './partner-viewer.server';

type Category = (typeof serviceCategories)[number];
const isCategory = (value: string): value is Category =>
  (serviceCategories as readonly string[]).includes(value);

const nameIn = (locale: Locale, r: { nameZh: string; nameEn: string }) =>
  locale === 'zh-CN' ? r.nameZh : r.nameEn;

/**
 * The application page: the latest application (open or decided) with its stages
 * and timeline as core lets a partner see them, and — when none is open — what is
 * needed to apply.
 */
export async function loadApplicationPage(db: Database, actor: PartnerActor, locale: Locale) {
  const partner = await getPartner(db, actor, actor.partnerId);
  const { items } = await listApplications(db, actor, { pageSize: 1 });
  const latest = items[0] ? await getApplication(db, actor, items[0].application.id) : null;
  const open = latest?.application.status === 'in_progress';
  const missing = open ? [] : await missingDocuments(db, actor.partnerId, partner.serviceCategories);
  return {
    canSubmit: can(actor, 'submit:application:own'),
    stages: admissionStages,
    apply: open
      ? null
      : {
          categories: partner.serviceCategories,
          missing: missing.map((m) => ({ id: m.id, name: nameIn(locale, m) })),
        },
    application: latest ? applicationView(latest, locale) : null,
  };
}

function applicationView(detail: Awaited<ReturnType<typeof getApplication>>, locale: Locale) {
  const { application, timeline, inspection, pilot } = detail;
  // The committee's decision arrives as a 'decided' event; the outcome is the application's status.
  const events = timeline.map((e) => ({
    id: e.id,
    kind: e.kind,
    toStage: e.toStage,
    reason: e.reason,
    actorName: e.actorName,
    at: e.at.toISOString(),
    when: formatDateTime(locale, e.at),
  }));
  return {
    id: application.id,
    status: application.status,
    stage: application.stage,
    serviceCategories: application.serviceCategories,
    submittedAt: application.submittedAt.toISOString(),
    submitted: formatDateTime(locale, application.submittedAt),
    decided: application.decidedAt ? formatDateTime(locale, application.decidedAt) : null,
    timeline: events,
    inspection: inspection
      ? { date: formatDay(locale, inspection.inspectedOn), score: inspection.score }
      : null,
    pilot: pilot
      ? { from: formatDay(locale, pilot.startsOn), to: formatDay(locale, pilot.endsOn), score: pilot.score }
      : null,
  };
}

export interface ApplicationActionResult {
  intent: 'submit' | 'withdraw';
  status: number;
  notice?: string;
  errors?: FormErrors;
  /** Names of the documents core says are still missing (from a refused submission). */
  missing?: string[];
}

export async function submitApplicationAction(
  db: Database,
  actor: PartnerActor,
  form: FormData,
  locale: Locale,
): Promise<ApplicationActionResult> {
  const categories = form.getAll('serviceCategories').map(String).filter(isCategory);
  try {
    await submitApplication(db, actor, { serviceCategories: categories });
    return {
      intent: 'submit',
      status: 200,
      notice: translate(locale, 'partner-portal.application.submitted'),
    };
  } catch (error) {
    // "申请的服务类别：请至少选择一项" comes from core's field code and the shared labels.
    const mapped = domainErrorToForm(error, locale);
    if (!mapped) throw error;
    const missing =
      isAppError(error) && Array.isArray(error.details?.missing)
        ? (error.details.missing as { nameZh: string; nameEn: string }[]).map((m) => nameIn(locale, m))
        : undefined;
    return {
      intent: 'submit',
      status: mapped.status,
      errors: { form: mapped.errors.form ?? Object.values(mapped.errors.fields ?? {})[0] },
      ...(missing ? { missing } : {}),
    };
  }
}

export async function withdrawApplicationAction(
  db: Database,
  actor: PartnerActor,
  form: FormData,
  locale: Locale,
): Promise<ApplicationActionResult> {
  const reason = formText(form, 'reason').trim().slice(0, 2000);
  try {
    await withdrawApplication(db, actor, formText(form, 'applicationId'), reason || undefined);
    return {
      intent: 'withdraw',
      status: 200,
      notice: translate(locale, 'partner-portal.application.withdrawn'),
    };
  } catch (error) {
    const mapped = domainErrorToForm(error, locale);
    if (!mapped) throw error;
    return { intent: 'withdraw', status: mapped.status, errors: mapped.errors };
  }
}
