import { type Locale, translate } from '@outpost/i18n';
import { formText } from '../app-error.server';

/**
 * The register form as core's input: empty fields left out (cleared), countries split on commas,
 * sub-contractors one per line as "name | country | function". A line that is not three parts is
 * reported under the field with its number (core checks the rest).
 */
export function registerInputOf(form: FormData, locale: Locale) {
  const text = (name: string) => formText(form, name).trim() || undefined;
  const list = (name: string) => {
    const parts = formText(form, name)
      .split(/[,，、\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    return parts.length > 0 ? parts : undefined;
  };
  const errors: Record<string, string> = {};
  const personal = formText(form, 'personalData');
  const notice = formText(form, 'partnerNoticeDays').trim();
  const lines = formText(form, 'subcontractors')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const subcontractors = lines.map((line, i) => {
    const [name, country, fn, ...rest] = line.split(/[|｜]/).map((s) => s.trim());
    if (!name || !country || !fn || rest.length > 0) {
      errors.subcontractors ??= translate(locale, 'contracts.register.badSubcontractorLine', { line: i + 1 });
    }
    return { name: name ?? '', country: country ?? '', function: fn ?? '' };
  });
  const none = form.get('noSubcontractors') === 'on';
  const kinds = form.getAll('personalDataKinds').filter((v): v is string => typeof v === 'string');
  const input = {
    functionDescription: text('functionDescription'),
    dataDescription: text('dataDescription'),
    personalData: personal === 'yes' ? true : personal === 'no' ? false : undefined,
    personalDataKinds: kinds.length > 0 ? kinds : undefined,
    serviceCountries: list('serviceCountries'),
    dataCountries: list('dataCountries'),
    criticalityReason: text('criticalityReason'),
    criticalityAssessedOn: text('criticalityAssessedOn'),
    partnerNoticeDays: notice === '' ? undefined : Number(notice),
    subcontractors: lines.length > 0 ? subcontractors : none ? [] : undefined,
    substitutability: text('substitutability'),
    exitPossibility: text('exitPossibility'),
    exitNotes: text('exitNotes'),
  };
  const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return { input: clean, errors };
}
