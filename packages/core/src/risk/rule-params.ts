import type { riskRuleKinds } from '@outpost/db';
import { z } from 'zod';

export type RiskRuleKind = (typeof riskRuleKinds)[number];

/**
 * How long a condition must stay cleared before its alert closes itself. Shared by every kind;
 * 0 closes on the first evaluation that finds the condition gone. At most 30 days.
 */
const clearAfterHours = z
  .number({ message: 'Use a number of hours from 0 to 720.' })
  .min(0, 'Use a number of hours from 0 to 720.')
  .max(720, 'Use a number of hours from 0 to 720.')
  .default(24);
const kpiKey = z
  .string({ message: 'Choose a KPI.' })
  .trim()
  .regex(/^[a-z0-9_]{2,60}$/, 'Choose a KPI.');
const minSample = z
  .number()
  .int('Use a whole number of observations from 1 to 100000.')
  .min(1, 'Use a whole number of observations from 1 to 100000.')
  .max(100_000, 'Use a whole number of observations from 1 to 100000.')
  .default(10);

/** The parameters of each rule kind, validated on every save (unknown fields are refused). */
export const ruleParamSchemas = {
  /** The KPI over the last `windowDays` days is worse than its warning (or critical) threshold. */
  kpi_threshold: z.strictObject({
    kpiKey,
    windowDays: z
      .number({ message: 'Use a window of 1 to 366 days.' })
      .int('Use a window of 1 to 366 days.')
      .min(1, 'Use a window of 1 to 366 days.')
      .max(366, 'Use a window of 1 to 366 days.'),
    breach: z.enum(['warning', 'critical'], { message: 'Choose the warning or the critical threshold.' }),
    minSample,
    clearAfterHours,
  }),
  /** The last 7 days' value is more than `sigma` standard deviations worse than the trailing weeks' mean. */
  kpi_sudden_change: z.strictObject({
    kpiKey,
    sigma: z
      .number({ message: 'Use 1 to 10 standard deviations.' })
      .min(1, 'Use 1 to 10 standard deviations.')
      .max(10, 'Use 1 to 10 standard deviations.')
      .default(3),
    trailingWeeks: z
      .number({ message: 'Use 4 to 52 weeks.' })
      .int('Use 4 to 52 weeks.')
      .min(4, 'Use 4 to 52 weeks.')
      .max(52, 'Use 4 to 52 weeks.')
      .default(12),
    minSample,
    clearAfterHours,
  }),
  /** A qualification document expired, or expiring within `withinDays` (0: expired only). */
  document_expiry: z.strictObject({
    withinDays: z
      .number({ message: 'Use 0 to 365 days.' })
      .int('Use 0 to 365 days.')
      .min(0, 'Use 0 to 365 days.')
      .max(365, 'Use 0 to 365 days.'),
    clearAfterHours,
  }),
  /** An active (or suspended) partner's credit code is on the live blacklist. */
  blacklist_hit: z.strictObject({ clearAfterHours }),
  /** The partner's training compliance this month is below `belowPercent`. */
  training_compliance: z.strictObject({
    belowPercent: z
      .number({ message: 'Use a percentage above 0 and at most 100.' })
      .gt(0, 'Use a percentage above 0 and at most 100.')
      .max(100, 'Use a percentage above 0 and at most 100.'),
    clearAfterHours,
  }),
  /**
   * A contract in force ends within `withinDays` days (0: expired only) with no successor in its
   * service category, or has expired; with `includeNoContract`, also a partner serving a category
   * with no contract in force in it at all. Decision record 041.
   */
  contract_lapsing: z.strictObject({
    withinDays: z
      .number({ message: 'Use 0 to 365 days.' })
      .int('Use 0 to 365 days.')
      .min(0, 'Use 0 to 365 days.')
      .max(365, 'Use 0 to 365 days.')
      .default(60),
    includeNoContract: z
      .boolean({ message: 'Choose whether a partner without a contract counts.' })
      .default(false),
    clearAfterHours,
  }),
  /**
   * One partner's share of a service category's cases opened over the last `windowDays` days is
   * above `abovePercent`, once the category has at least `minCategoryVolume` cases. Decision record 041.
   */
  concentration: z.strictObject({
    windowDays: z
      .number({ message: 'Use a window of 1 to 366 days.' })
      .int('Use a window of 1 to 366 days.')
      .min(1, 'Use a window of 1 to 366 days.')
      .max(366, 'Use a window of 1 to 366 days.')
      .default(30),
    abovePercent: z
      .number({ message: 'Use a share above 0 and below 100 %.' })
      .gt(0, 'Use a share above 0 and below 100 %.')
      .lt(100, 'Use a share above 0 and below 100 %.')
      .default(40),
    minCategoryVolume: z
      .number({ message: 'Use a whole number of cases from 1 to 1000000.' })
      .int('Use a whole number of cases from 1 to 1000000.')
      .min(1, 'Use a whole number of cases from 1 to 1000000.')
      .max(1_000_000, 'Use a whole number of cases from 1 to 1000000.')
      .default(50),
    clearAfterHours,
  }),
} satisfies Record<RiskRuleKind, z.ZodType>;

export type RuleParams<K extends RiskRuleKind> = z.output<(typeof ruleParamSchemas)[K]>;
