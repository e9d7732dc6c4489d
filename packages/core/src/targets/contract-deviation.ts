import type { Database } from '@outpost/db';

/**
 * The contract execution deviation of a quarter (≤ 2 % target), portfolio-wide or for some
 * partners: the one place the contract execution evaluation (being built separately) will be wired
 * in. Until its per-contract, per-period results exist the figure is not measured: null, never a
 * made-up number (decision record 046).
 */
export async function contractDeviationFigure(
  _db: Database,
  _quarter: string,
  _partnerIds?: string[],
): Promise<{ value: number; contracts: number } | null> {
  return null;
}
