import type { Database, RiskRule } from '@outpost/db';

/** One partner currently meeting a rule's condition, with what shows it. */
export interface Finding {
  partnerId: string;
  /** Tells two conditions of one rule on one partner apart (a document id, a KPI key). */
  conditionKey: string;
  evidence: Record<string, unknown>;
}

export interface ConditionScope {
  /** Only these partners (after an ingestion batch); all partners in the rule's categories when absent. */
  partnerIds?: readonly string[] | undefined;
  now: Date;
  /** Today in China (the insurer's calendar), derived from `now`. */
  today: string;
}

/** Which partners currently meet the rule's condition; one function per rule kind. */
export type Condition = (db: Database, rule: RiskRule, scope: ConditionScope) => Promise<Finding[]>;
