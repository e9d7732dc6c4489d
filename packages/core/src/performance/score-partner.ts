import { type Database, type KpiDefinition, kpiDefinitions } from '@outpost/db';
import { asc, eq } from 'drizzle-orm';
import {
  emptySums,
  type Grade,
  gradeOf,
  kpiScore,
  kpiStatus,
  type KpiStatus,
  kpiValue,
  overallScore,
  type RollupSums,
  statusText,
} from './kpi-values.ts';

export interface KpiResult {
  key: string;
  nameZh: string;
  nameEn: string;
  unit: KpiDefinition['unit'];
  direction: KpiDefinition['direction'];
  value: number | null;
  /** How many observations the value rests on (ratings, closed cases, checks, or yuan handled). */
  sampleSize: number;
  target: number;
  warningThreshold: number;
  criticalThreshold: number;
  weight: number;
  status: KpiStatus;
  statusText: string;
  score: number | null;
}

export interface PartnerScore {
  kpis: KpiResult[];
  score: number | null;
  grade: Grade | null;
}

/** What scoring needs of a KPI definition. */
export type KpiRule = Pick<
  KpiDefinition,
  | 'key'
  | 'nameZh'
  | 'nameEn'
  | 'unit'
  | 'computation'
  | 'direction'
  | 'target'
  | 'warningThreshold'
  | 'criticalThreshold'
  | 'weight'
  | 'serviceCategories'
>;

export const activeKpis = (db: Database) =>
  db
    .select()
    .from(kpiDefinitions)
    .where(eq(kpiDefinitions.active, true))
    .orderBy(asc(kpiDefinitions.sortOrder), asc(kpiDefinitions.key));

/** The KPIs that apply to a partner: those for all categories and those for one of its categories. */
export const kpisFor = (defs: KpiRule[], categories: readonly string[]) =>
  defs.filter(
    (d) => d.serviceCategories.length === 0 || d.serviceCategories.some((c) => categories.includes(c)),
  );

export function scorePartner(
  defs: KpiRule[],
  categories: readonly string[],
  sums: RollupSums = emptySums(),
): PartnerScore {
  const kpis = kpisFor(defs, categories).map((def): KpiResult => {
    const { value, sampleSize } = kpiValue(def.computation, sums);
    const status = kpiStatus(def, value);
    const score = kpiScore(def, value);
    return {
      key: def.key,
      nameZh: def.nameZh,
      nameEn: def.nameEn,
      unit: def.unit,
      direction: def.direction,
      value,
      sampleSize,
      target: def.target,
      warningThreshold: def.warningThreshold,
      criticalThreshold: def.criticalThreshold,
      weight: def.weight,
      status,
      statusText: statusText(status),
      score: score === null ? null : Math.round(score * 10) / 10,
    };
  });
  const score = overallScore(kpis);
  return { kpis, score, grade: gradeOf(score) };
}
