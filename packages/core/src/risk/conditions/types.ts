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
  /**
   * Only these service categories, for the category-driven kinds (concentration after a batch:
   * the categories of the batch's partner, the only shares the batch moved). All when absent.
   */
  serviceCategories?: readonly string[] | undefined;
  now: Date;
  /** Today in China (the insurer's calendar), derived from `now`. */
  today: string;
  /**
   * Reads shared by the rules of one evaluation (KPI definitions, the partners of a category set),
   * so evaluating after a batch costs one rollup query per rule, not three.
   */
  memo: Map<string, Promise<unknown>>;
}

/** The value under `key` in this evaluation, read once. */
export function memoised<T>(scope: ConditionScope, key: string, read: () => Promise<T>): Promise<T> {
  let value = scope.memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    scope.memo.set(key, value);
  }
  return value;
}

/** Which partners currently meet the rule's condition; one function per rule kind. */
export type Condition = (db: Database, rule: RiskRule, scope: ConditionScope) => Promise<Finding[]>;
