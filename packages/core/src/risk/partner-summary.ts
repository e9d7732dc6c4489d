import { type Database, partners, riskAlerts, riskRules, users } from '@outpost/db';
import { and, asc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { normaliseCreditCode } from '../credit-code.ts';
import { AppError, notFound } from '../errors.ts';
import { quarterOf } from '../performance/periods.ts';
import { scorePartner } from '../performance/score-partner.ts';
import { readScorecardData } from '../performance/scorecard-read.ts';
import { assertCan, can } from '../permissions.ts';
import { isUuid } from '../validation.ts';

const MAX_ALERTS = 5;

/**
 * `/outpost partner <name or credit code>` (decision 034): a partner's status, this quarter's
 * score and grade, and its open alerts. `null` both when nothing matches and when the person may
 * not read partners or their alerts — the answer must not tell the two apart. A name matches
 * exactly (case-insensitive) first, else as the only partial match; several partial matches
 * are `ambiguous` with their names (still only for readers).
 */
export async function partnerSummaryForSlack(db: Database, actor: Actor, query: string, now = new Date()) {
  if (actor.type !== 'staff' || !can(actor, 'read:partner:any') || !can(actor, 'read:risk')) return null;
  const text = query.trim();
  if (!text || text.length > 200) return null;
  const code = normaliseCreditCode(text);
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const found = await db
    .select({
      id: partners.id,
      legalName: partners.legalName,
      creditCode: partners.creditCode,
      status: partners.status,
    })
    .from(partners)
    .where(or(eq(partners.creditCode, code), ilike(partners.legalName, like)))
    .orderBy(asc(partners.legalName))
    .limit(6);
  const partner =
    found.find((p) => p.creditCode === code) ??
    found.find((p) => p.legalName.toLowerCase() === text.toLowerCase()) ??
    (found.length === 1 ? found[0] : undefined);
  if (!partner) {
    if (found.length > 1) return { ambiguous: found.slice(0, 5).map((p) => p.legalName) } as const;
    return null;
  }
  const data = await readScorecardData(db, partner.id, quarterOf(now));
  const score = data.partner ? scorePartner(data.kpis, data.partner.serviceCategories, data.own) : null;
  const alerts = await db
    .select({
      id: riskAlerts.id,
      level: riskAlerts.level,
      status: riskAlerts.status,
      ruleNameZh: riskRules.nameZh,
      ruleNameEn: riskRules.nameEn,
      responseDeadline: riskAlerts.responseDeadline,
    })
    .from(riskAlerts)
    .innerJoin(riskRules, eq(riskRules.id, riskAlerts.ruleId))
    .where(and(eq(riskAlerts.partnerId, partner.id), inArray(riskAlerts.status, ['open', 'acknowledged'])))
    .orderBy(asc(riskAlerts.responseDeadline));
  return {
    partner,
    score: score?.score ?? null,
    grade: score?.grade ?? null,
    openAlerts: alerts.length,
    alerts: alerts
      .slice(0, MAX_ALERTS)
      .map((a) => ({ ...a, overdue: a.status === 'open' && a.responseDeadline < now })),
  };
}

/**
 * Sets who looks after a partner (critical alerts are sent to them, escalation reminds them):
 * a risk officer or administrator, or nobody. Audited.
 */
export async function setRelationshipOwner(
  db: Database,
  actor: Actor,
  input: { partnerId: string; userId: string | null },
) {
  assertCan(actor, 'manage:partner');
  if (!isUuid(input.partnerId)) throw notFound('Partner');
  if (input.userId !== null) {
    const [user] = isUuid(input.userId)
      ? await db
          .select({ roles: users.staffRoles, status: users.status })
          .from(users)
          .where(and(eq(users.id, input.userId), eq(users.kind, 'staff')))
      : [];
    if (!user || user.status !== 'active' || !user.roles.some((r) => r === 'risk_officer' || r === 'admin')) {
      throw new AppError('validation_failed', 'Choose an active risk officer or administrator.', {
        details: {
          fields: [
            { path: 'userId', code: 'invalid', message: 'Choose an active risk officer or administrator.' },
          ],
        },
      });
    }
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(partners)
      .set({ relationshipOwnerId: input.userId, updatedAt: new Date() })
      .where(eq(partners.id, input.partnerId))
      .returning({ id: partners.id });
    if (!row) throw notFound('Partner');
    await audit(tx, actor, {
      action: 'partner.relationship_owner_set',
      entityType: 'partner',
      entityId: row.id,
      partnerId: row.id,
      data: { userId: input.userId },
    });
  });
}
