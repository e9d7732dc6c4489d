import { asAppError, type Actor, listClauses, listKpis } from '@outpost/core';
import type { ContractClauseText, ContractTerms, Database, SlaTarget } from '@outpost/db';
import { type Locale, translate } from '@outpost/i18n';
import { appErrorToForm } from '../app-error.server';
import { issueText, listedIssues } from '../field-issues';
import type { FormErrors } from '../form-errors';
import { isChecked, text } from '../staff/form-values';
import { type DraftFormValues, type DraftVariable, slaRows } from './draft-form';

/** Yuan as typed ("1,200.50") to cents; NaN when it is not an amount with at most two decimals. */
export function yuanToCents(raw: string): number {
  const clean = raw.trim().replace(/[,，\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return Number.NaN;
  return Math.round(Number(clean) * 100);
}

export const centsToYuan = (cents: number) => (cents / 100).toFixed(2).replace(/\.00$/, '');

/** The variables of these clauses, once each, labelled in the reader's language. */
export function variablesOf(
  clauses: Pick<ContractClauseText, 'variables'>[],
  locale: Locale,
): DraftVariable[] {
  const seen = new Map<string, DraftVariable>();
  for (const c of clauses) {
    for (const v of c.variables) {
      if (!seen.has(v.name)) {
        seen.set(v.name, { name: v.name, type: v.type, label: locale === 'en' ? v.labelEn : v.labelZh });
      }
    }
  }
  return [...seen.values()];
}

/** A template's variables (its clauses as the library holds them today). */
export async function templateVariables(
  db: Database,
  actor: Actor,
  clauseIds: readonly string[],
  locale: Locale,
) {
  const library = await listClauses(db, actor);
  const byId = new Map(library.map((c) => [c.id, c]));
  return variablesOf(
    clauseIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    locale,
  );
}

export async function kpiChoices(db: Database, actor: Actor, locale: Locale) {
  const kpis = await listKpis(db, actor);
  return kpis
    .filter((k) => k.active)
    .map((k) => ({ key: k.key, name: locale === 'en' ? k.nameEn : k.nameZh }));
}

export function emptyDraftForm(): DraftFormValues {
  return {
    startDate: '',
    endDate: '',
    autoRenew: false,
    noticeDays: '90',
    annualValue: '',
    currency: 'CNY',
    governingLaw: '',
    language: 'zh-CN',
    values: {},
    sla: [],
  };
}

/** A stored version as the form shows it (money back in yuan). */
export function draftFormOf(
  terms: ContractTerms,
  values: Record<string, string | number>,
  sla: SlaTarget[],
  variables: DraftVariable[],
): DraftFormValues {
  const types = new Map(variables.map((v) => [v.name, v.type]));
  return {
    startDate: terms.startDate,
    endDate: terms.endDate,
    autoRenew: terms.autoRenew,
    noticeDays: String(terms.noticeDays),
    annualValue: centsToYuan(terms.annualValueCents),
    currency: terms.currency,
    governingLaw: terms.governingLaw,
    language: terms.language,
    values: Object.fromEntries(
      Object.entries(values).map(([name, v]) => [
        name,
        types.get(name) === 'money' && typeof v === 'number' ? centsToYuan(v) : String(v),
      ]),
    ),
    sla: sla.map((s) => ({ ...s, target: String(s.target) })),
  };
}

const numberOf = (raw: string) => {
  const clean = raw.trim().replace(',', '.');
  return clean === '' ? Number.NaN : Number(clean);
};

/**
 * Reads the form: the text as typed (to show again) and the typed input core expects — numbers
 * as numbers, money in cents. A value that cannot be converted is reported here, per field,
 * before core is called, so nothing is half-stored.
 */
export function readDraftForm(form: FormData, variables: DraftVariable[], locale: Locale) {
  const echo: DraftFormValues = {
    startDate: text(form, 'startDate').trim(),
    endDate: text(form, 'endDate').trim(),
    autoRenew: isChecked(form, 'autoRenew'),
    noticeDays: text(form, 'noticeDays').trim(),
    annualValue: text(form, 'annualValue').trim(),
    currency: text(form, 'currency').trim().toUpperCase() || 'CNY',
    governingLaw: text(form, 'governingLaw'),
    language: text(form, 'language') === 'en' ? 'en' : 'zh-CN',
    values: {},
    sla: [],
  };
  const fields: Record<string, string> = {};
  const values: Record<string, string | number> = {};
  for (const v of variables) {
    const raw = text(form, `value.${v.name}`).trim();
    echo.values[v.name] = raw;
    if (raw === '') continue; // unfilled: a draft may wait; submission asks for it
    const converted =
      v.type === 'money' ? yuanToCents(raw) : v.type === 'text' || v.type === 'date' ? raw : numberOf(raw);
    if (typeof converted === 'number' && Number.isNaN(converted)) {
      fields[`value.${v.name}`] = translate(locale, `contracts.form.valueError.${v.type}`, {
        label: v.label,
      });
      continue;
    }
    values[v.name] = converted;
  }
  const slaTargets: {
    kpiKey: string;
    comparator: 'gte' | 'lte';
    target: number;
    period: 'month' | 'quarter';
  }[] = [];
  for (let i = 0; i < slaRows; i++) {
    const kpiKey = text(form, `sla.${i}.kpiKey`).trim();
    const targetText = text(form, `sla.${i}.target`).trim();
    const row = {
      kpiKey,
      comparator: text(form, `sla.${i}.comparator`) === 'lte' ? ('lte' as const) : ('gte' as const),
      target: targetText,
      period: text(form, `sla.${i}.period`) === 'quarter' ? ('quarter' as const) : ('month' as const),
    };
    if (kpiKey === '' && targetText === '') continue;
    echo.sla.push(row);
    slaTargets.push({ ...row, target: numberOf(targetText) });
  }
  const terms = {
    startDate: echo.startDate,
    endDate: echo.endDate,
    autoRenew: echo.autoRenew,
    noticeDays: echo.noticeDays === '' ? undefined : numberOf(echo.noticeDays),
    annualValueCents: echo.annualValue === '' ? undefined : yuanToCents(echo.annualValue),
    currency: echo.currency,
    governingLaw: echo.governingLaw,
    language: echo.language,
  };
  return { echo, fields, input: { terms, values, slaTargets } };
}

/** Core's refusal of a draft, each problem under its field (terms, values, SLA rows). */
export function draftFormErrors(
  raw: unknown,
  locale: Locale,
  variables: DraftVariable[],
  echo: DraftFormValues,
): { status: number; errors: FormErrors } | null {
  const error = asAppError(raw);
  if (!error || error.status >= 500) return null;
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const labels: Record<string, string> = {
    partnerId: t('contracts.form.partner'),
    templateId: t('contracts.form.template'),
    'terms.startDate': t('contracts.form.startDate'),
    'terms.endDate': t('contracts.form.endDate'),
    'terms.noticeDays': t('contracts.form.noticeDays'),
    'terms.annualValueCents': t('contracts.form.annualValue'),
    'terms.currency': t('contracts.form.currency'),
    'terms.governingLaw': t('contracts.form.governingLaw'),
    'terms.language': t('contracts.form.language'),
  };
  for (let i = 0; i < slaRows; i++) {
    const row = t('contracts.form.slaRow', { n: i + 1 });
    labels[`slaTargets.${i}.kpiKey`] = `${row} · ${t('contracts.form.kpi')}`;
    labels[`slaTargets.${i}.target`] = `${row} · ${t('contracts.form.target')}`;
    labels[`slaTargets.${i}.comparator`] = `${row} · ${t('contracts.form.comparator')}`;
    labels[`slaTargets.${i}.period`] = `${row} · ${t('contracts.form.period')}`;
  }
  for (const v of variables) labels[`values.${v.name}`] = v.label;
  for (let i = 0; i < 200; i++) {
    labels[`clauses.${i}.bodyZh`] = t('contracts.form.clauseZh', { n: i + 1 });
    labels[`clauses.${i}.bodyEn`] = t('contracts.form.clauseEn', { n: i + 1 });
  }
  const fieldOf = (path: string) => {
    const [head, a, b] = path.split('.');
    if (head === 'terms') return a === 'annualValueCents' ? 'annualValue' : (a ?? 'terms');
    if (head === 'slaTargets') return `sla.${a}.${b ?? 'kpiKey'}`;
    if (head === 'values') return `value.${a}`;
    if (head === 'clauses') return `clause.${a}.${b ?? 'bodyZh'}`;
    return head ?? '';
  };
  const fields: Record<string, string> = {};
  for (const issue of listedIssues(error.details)) {
    const field = fieldOf(issue.path);
    if (fields[field]) continue;
    fields[field] =
      issue.path === 'terms.endDate' && issue.code === 'invalid'
        ? t('contracts.form.endAfterStart')
        : (issueText(locale, issue, labels) ?? t('field-errors.code.invalid'));
  }
  const badValues = error.details?.values;
  if (Array.isArray(badValues)) {
    const types = new Map(variables.map((v) => [v.name, v]));
    for (const item of badValues as { name?: unknown }[]) {
      const v = types.get(String(item.name));
      if (v) fields[`value.${v.name}`] = t(`contracts.form.valueError.${v.type}`, { label: v.label });
    }
  }
  const unknownKpis = error.details?.kpiKeys;
  if (Array.isArray(unknownKpis)) {
    echo.sla.forEach((row, i) => {
      if (unknownKpis.includes(row.kpiKey)) fields[`sla.${i}.kpiKey`] = t('contracts.form.unknownKpi');
    });
  }
  const messages = [...new Set(Object.values(fields))];
  if (messages.length > 0) {
    return {
      status: error.status,
      errors: { fields, form: messages.join(locale === 'zh-CN' ? '；' : '; ') },
    };
  }
  return appErrorToForm(raw, locale);
}

/** Field errors found while reading the form, as the page shows them. */
export function localErrors(fields: Record<string, string>, locale: Locale): FormErrors {
  return { fields, form: [...new Set(Object.values(fields))].join(locale === 'zh-CN' ? '；' : '; ') };
}
