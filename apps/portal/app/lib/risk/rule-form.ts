/**
 * Which parameter fields each rule kind shows, in order; `kpiKey` and `breach` are selects,
 * `includeNoContract` a checkbox, the rest numbers.
 */
export const paramFields = {
  kpi_threshold: ['kpiKey', 'windowDays', 'breach', 'minSample', 'clearAfterHours'],
  kpi_sudden_change: ['kpiKey', 'sigma', 'trailingWeeks', 'minSample', 'clearAfterHours'],
  document_expiry: ['withinDays', 'clearAfterHours'],
  blacklist_hit: ['clearAfterHours'],
  training_compliance: ['belowPercent', 'clearAfterHours'],
  contract_lapsing: ['withinDays', 'includeNoContract', 'clearAfterHours'],
  concentration: ['windowDays', 'abovePercent', 'minCategoryVolume', 'clearAfterHours'],
} as const;
export type RuleKind = keyof typeof paramFields;
export const ruleKinds = Object.keys(paramFields) as RuleKind[];
export const isRuleKind = (value: unknown): value is RuleKind =>
  typeof value === 'string' && (ruleKinds as string[]).includes(value);

const textParams = new Set(['kpiKey', 'breach']);
/** Checkbox parameters: ticked is true, unticked false (a form sends nothing for an unticked box). */
export const booleanParams = new Set<string>(['includeNoContract']);

/**
 * The rule as core takes it, from the submitted form. Numbers stay numbers only when they read as
 * one; anything else is passed on as text so core reports the field (never silently 0).
 */
export function ruleFromForm(form: FormData, kind: RuleKind) {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  const params: Record<string, unknown> = {};
  for (const field of paramFields[kind]) {
    const raw = text(`params.${field}`).trim();
    if (textParams.has(field)) params[field] = raw;
    else if (booleanParams.has(field)) params[field] = raw === 'on';
    else if (raw !== '') params[field] = Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return {
    kind,
    nameZh: text('nameZh'),
    nameEn: text('nameEn'),
    level: text('level') as 'notice' | 'warning' | 'critical',
    serviceCategories: form
      .getAll('serviceCategories')
      .filter((v): v is string => typeof v === 'string') as never[],
    enabled: form.get('enabled') === 'on',
    params,
  };
}
