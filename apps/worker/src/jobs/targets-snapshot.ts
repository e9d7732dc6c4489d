import { snapshotQuarterCompliance } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * The daily record of the running quarter's partner compliance (decision record 046): run late in
 * the China day, so a quarter's last run is within minutes of its end and its figure is kept.
 */
export function snapshotTargets({ db }: JobContext, now = new Date()) {
  return snapshotQuarterCompliance(db, now);
}
