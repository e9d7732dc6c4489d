import { admissionEn } from './admission.en.ts';
import { apiEn } from './api.en.ts';
import { apiZhCN } from './api.zh-CN.ts';
import { admissionZhCN } from './admission.zh-CN.ts';
import { documentReviewEn } from './document-review.en.ts';
import { documentReviewZhCN } from './document-review.zh-CN.ts';
import { en } from './en.ts';
import { formatIcu, hasIcuArguments } from './message-format.ts';
import { partnerPortalEn } from './partner-portal.en.ts';
import { partnerPortalZhCN } from './partner-portal.zh-CN.ts';
import { performanceEn } from './performance.en.ts';
import { performanceZhCN } from './performance.zh-CN.ts';
import { reviewsEn } from './reviews.en.ts';
import { reviewsZhCN } from './reviews.zh-CN.ts';
import { staffPortalEn } from './staff-portal.en.ts';
import { staffPortalZhCN } from './staff-portal.zh-CN.ts';
import { trainingEn } from './training.en.ts';
import { trainingZhCN } from './training.zh-CN.ts';
import { trainingDashboardEn } from './training-dashboard.en.ts';
import { trainingDashboardZhCN } from './training-dashboard.zh-CN.ts';
import { workQueueEn } from './work-queue.en.ts';
import { workQueueZhCN } from './work-queue.zh-CN.ts';
import { zhCN } from './zh-CN.ts';
import { partnerStatusEn } from './partner-status.en.ts';
import { partnerStatusZhCN } from './partner-status.zh-CN.ts';
import { auditAnchorEn } from './audit-anchor.en.ts';
import { auditAnchorZhCN } from './audit-anchor.zh-CN.ts';
import { trainingOpsEn } from './training-ops.en.ts';
import { trainingOpsZhCN } from './training-ops.zh-CN.ts';
import { riskEn } from './risk.en.ts';
import { riskZhCN } from './risk.zh-CN.ts';
import { contractsEn } from './contracts.en.ts';
import { contractsZhCN } from './contracts.zh-CN.ts';
import { contractsArchiveEn } from './contracts-archive.en.ts';
import { contractsArchiveZhCN } from './contracts-archive.zh-CN.ts';
import { trainingStaffEn } from './training-staff.en.ts';
import { trainingStaffZhCN } from './training-staff.zh-CN.ts';
import { csvExportEn } from './csv-export.en.ts';
import { csvExportZhCN } from './csv-export.zh-CN.ts';
import { fieldErrorsEn } from './field-errors.en.ts';
import { fieldErrorsZhCN } from './field-errors.zh-CN.ts';
import { trainingNoticesEn } from './training-notices.en.ts';
import { trainingNoticesZhCN } from './training-notices.zh-CN.ts';
import { riskSlackEn } from './risk-slack.en.ts';
import { riskSlackZhCN } from './risk-slack.zh-CN.ts';
import { riskPartnerEn } from './risk-partner.en.ts';
import { riskPartnerZhCN } from './risk-partner.zh-CN.ts';
import { riskIncidentsEn } from './risk-incidents.en.ts';
import { riskIncidentsZhCN } from './risk-incidents.zh-CN.ts';
import { contractAmendmentsEn } from './contract-amendments.en.ts';
import { contractAmendmentsZhCN } from './contract-amendments.zh-CN.ts';
import { riskRuleKindsEn } from './risk-rule-kinds.en.ts';
import { riskRuleKindsZhCN } from './risk-rule-kinds.zh-CN.ts';
import { mfaEn } from './mfa.en.ts';
import { mfaZhCN } from './mfa.zh-CN.ts';
import { contractExecutionEn } from './contract-execution.en.ts';
import { contractExecutionZhCN } from './contract-execution.zh-CN.ts';
import { contractsRenewalEn } from './contracts-renewal.en.ts';
import { contractsRenewalZhCN } from './contracts-renewal.zh-CN.ts';
import { targetsEn } from './targets.en.ts';
import { targetsZhCN } from './targets.zh-CN.ts';
import { peopleEn } from './people.en.ts';
import { peopleZhCN } from './people.zh-CN.ts';
import { registerEn } from './register.en.ts';
import { registerZhCN } from './register.zh-CN.ts';
import { incentivesEn } from './incentives.en.ts';
import { incentivesZhCN } from './incentives.zh-CN.ts';
import { reportsEn } from './reports.en.ts';
import { reportsZhCN } from './reports.zh-CN.ts';
import { continuityEn } from './continuity.en.ts';
import { continuityZhCN } from './continuity.zh-CN.ts';
import { auditViewerEn } from './audit-viewer.en.ts';
import { auditViewerZhCN } from './audit-viewer.zh-CN.ts';
import { supervisionEn } from './supervision.en.ts';
import { supervisionZhCN } from './supervision.zh-CN.ts';
import { terminationsEn } from './terminations.en.ts';
import { terminationsZhCN } from './terminations.zh-CN.ts';
import { auditLabelsEn } from './audit-labels.en.ts';
import { auditLabelsZhCN } from './audit-labels.zh-CN.ts';

/** Catalogues are split by area (each pair keyed alike, checked by the type system) and merged here. */
const enAll = {
  ...en,
  ...admissionEn,
  ...partnerPortalEn,
  ...staffPortalEn,
  ...performanceEn,
  ...reviewsEn,
  ...documentReviewEn,
  ...apiEn,
  ...workQueueEn,
  ...trainingEn,
  ...partnerStatusEn,
  ...auditAnchorEn,
  ...trainingDashboardEn,
  ...trainingOpsEn,
  ...trainingStaffEn,
  ...csvExportEn,
  ...fieldErrorsEn,
  ...trainingNoticesEn,
  ...riskEn,
  ...contractsEn,
  ...riskSlackEn,
  ...riskPartnerEn,
  ...riskIncidentsEn,
  ...contractAmendmentsEn,
  ...riskRuleKindsEn,
  ...contractsArchiveEn,
  ...mfaEn,
  ...contractExecutionEn,
  ...targetsEn,
  ...peopleEn,
  ...registerEn,
  ...contractsRenewalEn,
  ...incentivesEn,
  ...reportsEn,
  ...continuityEn,
  ...auditViewerEn,
  ...supervisionEn,
  ...terminationsEn,
  ...auditLabelsEn,
};
export type MessageKey = keyof typeof enAll;
export const supportedLocales = ['zh-CN', 'en'] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = 'zh-CN';

const catalogues: Record<Locale, Record<MessageKey, string>> = {
  'zh-CN': {
    ...zhCN,
    ...admissionZhCN,
    ...partnerPortalZhCN,
    ...staffPortalZhCN,
    ...performanceZhCN,
    ...reviewsZhCN,
    ...documentReviewZhCN,
    ...apiZhCN,
    ...workQueueZhCN,
    ...trainingZhCN,
    ...partnerStatusZhCN,
    ...auditAnchorZhCN,
    ...trainingDashboardZhCN,
    ...trainingOpsZhCN,
    ...trainingStaffZhCN,
    ...csvExportZhCN,
    ...fieldErrorsZhCN,
    ...trainingNoticesZhCN,
    ...riskZhCN,
    ...contractsZhCN,
    ...riskSlackZhCN,
    ...riskPartnerZhCN,
    ...riskIncidentsZhCN,
    ...contractAmendmentsZhCN,
    ...riskRuleKindsZhCN,
    ...contractsArchiveZhCN,
    ...mfaZhCN,
    ...contractExecutionZhCN,
    ...targetsZhCN,
    ...peopleZhCN,
    ...registerZhCN,
    ...contractsRenewalZhCN,
    ...incentivesZhCN,
    ...reportsZhCN,
    ...continuityZhCN,
    ...auditViewerZhCN,
    ...supervisionZhCN,
    ...terminationsZhCN,
    ...auditLabelsZhCN,
  },
  en: enAll,
};

export type Params = Record<string, string | number>;

/** Parameters whose values are codes with their own catalogue entries (`stage.pilot`, `status.active`…). */
const enumParams = new Set([
  'stage',
  'status',
  'category',
  'vote',
  'role',
  'criticality',
  'decision',
  'outcome',
]);

/**
 * Translates a key, filling `{name}` placeholders; messages with ICU arguments (plural, select,
 * number) are formatted by message-format.ts. Unknown keys fall back to English, then to the key.
 */
export function translate(locale: Locale, key: MessageKey | string, params: Params = {}): string {
  const template =
    catalogues[locale][key as MessageKey] ?? catalogues.en[key as MessageKey] ?? (key as string);
  if (!template.includes('{')) return template; // most messages have no placeholders
  if (hasIcuArguments(template)) return formatIcu(locale, template, translatedEnums(locale, params));
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return enumText(locale, name, value) ?? String(value);
  });
}

/** Enum values (stage, status…) are stored as codes and shown in the reader's language. */
function enumText(locale: Locale, name: string, value: string | number): string | undefined {
  if (!enumParams.has(name)) return undefined;
  return catalogues[locale][`${name}.${value}` as MessageKey];
}

function translatedEnums(locale: Locale, params: Params): Params {
  let out: Params | undefined;
  for (const name of Object.keys(params)) {
    const text = enumText(locale, name, params[name]!);
    if (text === undefined) continue;
    out ??= { ...params };
    out[name] = text;
  }
  return out ?? params;
}

export type Translate = (key: MessageKey, params?: Params) => string;
const translators = new Map<Locale, Translate>();

/** The translate function of one language (the same function each time: pages ask for it per component). */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = (key, params) => translate(locale, key, params);
    translators.set(locale, t);
  }
  return t;
}

/** Every message of a language (for checks that the catalogues are well-formed). */
export function catalogue(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogues[locale];
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value);
}

/** Picks the best supported locale from an Accept-Language header ("zh-CN,zh;q=0.9,en;q=0.8"). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return defaultLocale;
}

/**
 * The language to show a browser (decision record 025): its explicit choice (the language
 * cookie, set by the visible switch) when it is one we support, else its Accept-Language,
 * else zh-CN. A person's saved preference is deliberately not an input: it is for messages
 * sent outside the browser (Slack, e-mail).
 */
export function negotiateLocale(chosen: unknown, acceptLanguage: string | null | undefined): Locale {
  return isLocale(chosen) ? chosen : localeFromAcceptLanguage(acceptLanguage);
}

export * from './format.ts';

/** An audit log code's kind: the action written (`auth.signed_in`) or the entity type (`api_key`). */
export type AuditCodeKind = 'action' | 'entity';

/** Whether an audit action or entity type has a name in this language (not only in English). */
export function hasAuditLabel(locale: Locale, kind: AuditCodeKind, code: string): boolean {
  return Object.hasOwn(catalogues[locale], `audit.${kind}.${code}`);
}

/**
 * An audit action's or entity type's name in the reader's language; a code without one (written
 * by an older version, or not yet named) is shown as the code itself, never as a message key.
 */
export function auditLabel(locale: Locale, kind: AuditCodeKind, code: string): string {
  const key = `audit.${kind}.${code}` as MessageKey;
  return catalogues[locale][key] ?? catalogues.en[key] ?? code;
}

/** Every audit action or entity type with a name, by code (for pick lists: a code and its name). */
export function auditLabelledCodes(kind: AuditCodeKind): string[] {
  const prefix = `audit.${kind}.`;
  return Object.keys(catalogues.en)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
}
