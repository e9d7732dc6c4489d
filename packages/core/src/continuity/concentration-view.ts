import { partners, serviceCategories } from '@outpost/db';
import type { Database } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { inArray } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { assertCan } from '../permissions.ts';
import { getSetting } from '../settings.ts';
import {
  aboveLimit,
  categoryVolumes,
  contractValues,
  type PartnerShare,
  sharesOf,
  volumesIn,
} from './concentration-shares.ts';

type Category = (typeof serviceCategories)[number];

/** Why a category is flagged: served by one partner, or one partner's share above the limit. */
export type ConcentrationFlag = 'single_partner' | 'above_limit';

export interface CategoryConcentration {
  category: Category;
  /** Partners serving the category (active, suspended or exiting): what "a single partner" counts. */
  servingPartners: number;
  volume: { total: number; shares: PartnerShare[] };
  value: { totalCents: number; shares: PartnerShare[] };
  flags: ConcentrationFlag[];
  /** The partners whose share of the volume or of the value is above the limit. */
  aboveLimitPartnerIds: string[];
}

export interface ConcentrationView {
  limitPercent: number;
  windowDays: number;
  from: string;
  to: string;
  categories: CategoryConcentration[];
}

/**
 * Per service category, each partner's share of the volume (cases opened over the window, from the
 * daily rollups) and of the annual value of the contracts in force, with the flags (decision
 * record 050). The volume shares are the ones the `concentration` risk rule reads.
 */
export async function concentrationView(
  db: Database,
  actor: Actor,
  options: { today: string },
): Promise<ConcentrationView> {
  assertCan(actor, 'read:risk');
  const { limitPercent, windowDays } = await getSetting(db, 'continuity.concentration');
  const from = addDays(options.today, -(windowDays - 1));
  const [volumes, values, serving] = await Promise.all([
    categoryVolumes(db, serviceCategories, from, options.today),
    contractValues(db),
    db
      .select({ id: partners.id, serviceCategories: partners.serviceCategories })
      .from(partners)
      .where(inArray(partners.status, ['active', 'suspended', 'exiting'])),
  ]);
  const categories = serviceCategories.map((category): CategoryConcentration => {
    const volume = sharesOf(volumesIn(volumes, category));
    const valueShares = sharesOf(values.filter((v) => v.category === category));
    const servingPartners = serving.filter((p) => p.serviceCategories.includes(category)).length;
    const above = [
      ...new Set([
        ...aboveLimit(volume.shares, limitPercent).map((s) => s.partnerId),
        ...aboveLimit(valueShares.shares, limitPercent).map((s) => s.partnerId),
      ]),
    ];
    const flags: ConcentrationFlag[] = [];
    if (servingPartners === 1) flags.push('single_partner');
    if (above.length > 0) flags.push('above_limit');
    return {
      category,
      servingPartners,
      volume,
      value: { totalCents: valueShares.total, shares: valueShares.shares },
      flags,
      aboveLimitPartnerIds: above,
    };
  });
  return { limitPercent, windowDays, from, to: options.today, categories };
}
