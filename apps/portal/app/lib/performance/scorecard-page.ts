import type { getScorecard } from '@outpost/core';

type Scorecard = Awaited<ReturnType<typeof getScorecard>>;

/**
 * What a scorecard page shows of core's scorecard. Whatever a loader returns is serialised
 * into the page for hydration, so the page leaves out what it never renders: the English
 * status text (the page translates the status) and each trend quarter's KPI values (the chart
 * plots the overall score; API clients still get both).
 */
export function forPage(scorecard: Scorecard) {
  return {
    ...scorecard,
    kpis: scorecard.kpis.map(({ statusText: _english, ...kpi }) => kpi),
    trend: scorecard.trend.map(({ values: _values, ...quarter }) => quarter),
  };
}

export type ScorecardPageData = ReturnType<typeof forPage>;
