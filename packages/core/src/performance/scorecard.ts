import { type Database, partners } from '@outpost/db';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { assertCan, can, partnerScope } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import {
  isStale,
  PEER_SCORES_MAX_AGE_MS,
  type PeerStanding,
  refreshPeerScores,
  standingsIn,
} from './peer-scores.ts';
import {
  formatPeriod,
  isProvisional,
  type Period,
  periodDays,
  periodSchema,
  trailingQuarters,
} from './periods.ts';
import { readPeerDistribution, readScorecardData } from './scorecard-read.ts';
import { scorePartner } from './score-partner.ts';

export const scorecardInput = z.object({ partnerId: z.string().max(100), period: periodSchema });

/** Staff, or the partner itself, may read a partner's scorecard; another partner's id is "not found". */
function assertReadable(actor: Actor, partnerId: string) {
  if (!can(actor, 'read:scorecard:any')) assertCan(actor, 'read:scorecard:own');
  const scope = partnerScope(actor);
  if (!isUuid(partnerId) || (scope !== undefined && scope !== partnerId)) throw notFound('Partner');
}

async function partnerById(db: Database, partnerId: string) {
  const [partner] = await db
    .select({
      id: partners.id,
      legalName: partners.legalName,
      serviceCategories: partners.serviceCategories,
      status: partners.status,
    })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (!partner) throw notFound('Partner');
  return partner;
}

/** A reader of this partner's scorecard: staff, or the partner itself. Another partner's id is "not found". */
export async function readablePartner(db: Database, actor: Actor, partnerId: string) {
  assertReadable(actor, partnerId);
  return partnerById(db, partnerId);
}

/**
 * A partner's scorecard for a month, quarter or year, computed from the monthly rollups only:
 * each KPI against its target and thresholds, the weighted score and grade, the last eight
 * quarters, and its percentile among peers of each of its service categories (never who they
 * are; the peer distribution is at most PEER_SCORES_MAX_AGE_MS old, the partner's own figures live).
 * A period (or trend quarter) that has not ended in China Standard Time at `now` is marked
 * `provisional`: its score and grade still move as events arrive.
 */
export async function getScorecard(
  db: Database,
  actor: Actor,
  raw: { partnerId: string; period: Period },
  peerMaxAgeMs = PEER_SCORES_MAX_AGE_MS,
  now: Date = new Date(),
) {
  const { partnerId, period } = parse(scorecardInput, raw);
  assertReadable(actor, partnerId);
  const days = periodDays(period);
  const data = await readScorecardData(db, partnerId, period);
  const { partner, kpis: defs } = data;
  if (!partner) throw notFound('Partner');
  const current = scorePartner(defs, partner.serviceCategories, data.own);
  const trend = trailingQuarters(period).map((q) => {
    const label = formatPeriod(q);
    const scored = scorePartner(defs, partner.serviceCategories, data.byQuarter.get(label));
    return {
      period: label,
      score: scored.score,
      grade: scored.grade,
      provisional: isProvisional(q, now),
      values: Object.fromEntries(scored.kpis.map((k) => [k.key, k.value])),
    };
  });

  let peers: PeerStanding[] = [];
  if (current.score !== null) {
    let distribution = data.peers;
    if (isStale(distribution.refreshedAt, peerMaxAgeMs)) {
      const stale = distribution.refreshedAt !== null;
      if (await refreshPeerScores(db, period, defs, { maxAgeMs: peerMaxAgeMs, stale })) {
        distribution = await readPeerDistribution(db, partnerId, period);
      }
    }
    peers = standingsIn(distribution, partner.serviceCategories, current.score);
  }
  return {
    partner: { id: partner.id, legalName: partner.legalName, serviceCategories: partner.serviceCategories },
    period: { ...period, label: formatPeriod(period), from: days.from, to: days.to },
    score: current.score,
    grade: current.grade,
    provisional: isProvisional(period, now),
    kpis: current.kpis,
    trend,
    peers,
  };
}
