import { type Actor, addPerson, asAppError, listPeople, removePerson, yearProgress } from '@outpost/core';
import { type Database, serviceCategories } from '@outpost/db';

export { serviceCategories };
import { formatDay, type Locale, todayInChina, translate } from '@outpost/i18n';
import { appErrorToForm, formText } from '../app-error.server';
import type { FormErrors } from '../form-errors';

/** The roster page: people (numbers masked) with their hours this year against the annual rule. */
export async function loadRoster(
  db: Database,
  actor: Actor & { type: 'partner' },
  locale: Locale,
  options: { page: number; search: string },
) {
  const year = Number(todayInChina().slice(0, 4));
  const [list, progress] = await Promise.all([
    listPeople(db, actor, { page: options.page, search: options.search, pageSize: 50 }),
    yearProgress(db, actor.partnerId, year),
  ]);
  const byPerson = new Map(progress.map((p) => [p.personId, p]));
  return {
    year,
    total: list.total,
    page: list.page,
    pageSize: list.pageSize,
    canManage: actor.role === 'partner_admin',
    people: list.people.map((p) => {
      const pr = byPerson.get(p.id);
      return {
        id: p.id,
        name: p.name,
        staffNumber: p.staffNumber,
        jobRole: p.jobRole,
        serviceCategory: p.serviceCategory,
        startDate: formatDay(locale, p.startDate) ?? p.startDate,
        hasAccount: p.userId !== null,
        done: pr?.doneMinutes ?? 0,
        required: pr?.requiredMinutes ?? 0,
        met: pr?.met ?? false,
      };
    }),
  };
}

/** Which message a refused roster field shows, in the reader's language. */
const fieldMessages: Record<string, string> = {
  name: 'training.roster.nameInvalid',
  staffNumber: 'training.roster.numberInvalid',
  jobRole: 'training.roster.roleInvalid',
  serviceCategory: 'training.roster.categoryInvalid',
  startDate: 'training.roster.startInvalid',
};

export type RosterResult =
  | { ok: true; intent: string; notice: string }
  | { ok: false; intent: string; status: number; errors: FormErrors };

export async function rosterAction(
  db: Database,
  actor: Actor,
  form: FormData,
  locale: Locale,
): Promise<RosterResult> {
  const intent = formText(form, 'intent');
  try {
    if (intent === 'remove') {
      await removePerson(db, actor, formText(form, 'personId'));
      return { ok: true, intent, notice: translate(locale, 'training.roster.removed') };
    }
    const person = await addPerson(db, actor, {
      name: formText(form, 'name'),
      staffNumber: formText(form, 'staffNumber'),
      jobRole: formText(form, 'jobRole'),
      serviceCategory: formText(form, 'serviceCategory') as 'agency',
      startDate: formText(form, 'startDate'),
    });
    return {
      ok: true,
      intent: 'add',
      notice: translate(locale, 'training.roster.added', { name: person.name }),
    };
  } catch (raw) {
    const error = asAppError(raw);
    const listed = error?.details?.fields;
    if (error && Array.isArray(listed) && listed.length > 0) {
      const fields: Record<string, string> = {};
      for (const f of listed as { path: string }[]) {
        const key = fieldMessages[f.path.split('.')[0] ?? ''];
        if (key) fields[f.path.split('.')[0]!] = translate(locale, key);
      }
      if (Object.keys(fields).length > 0)
        return { ok: false, intent, status: error.status, errors: { fields } };
    }
    const mapped = appErrorToForm(raw, locale);
    if (!mapped) throw raw;
    return { ok: false, intent, status: mapped.status, errors: mapped.errors };
  }
}
